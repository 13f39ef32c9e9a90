using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;
using EiRnn.Training;

namespace EiRnn.Training.Tests;

/// <summary>Small configurations of rdm-fixed so that every test runs in well under a second or two.</summary>
internal static class TinyNetworks
{
    public static readonly RdmFixedTask Task = new();

    /// <summary>pycog recipe, N units, dt 50 ms (T = 24 steps for a non-catch trial).</summary>
    public static TrainConfig Pycog(int n = 10, int batch = 4) =>
        TrainConfigResolver.Defaults(Task.Description, Preset.Pycog).WithRate(r => r with { N = n }) with
        {
            DtMs = 50, BatchSize = batch, ValidationTrials = 11, ValidationEvery = 10, Seed = 11,
        };

    /// <summary>The LSTM baseline on the same task: PsychRNN recipe (Adam), N hidden units, dt 50 ms.</summary>
    public static TrainConfig Lstm(int n = 10, int batch = 4) =>
        TrainConfigResolver.Defaults(Task.Description, Preset.Psychrnn, NetworkArch.Lstm) with
        {
            Network = new LstmNetworkConfig { N = n }, DtMs = 50, BatchSize = batch, ValidationTrials = 11, ValidationEvery = 10, Seed = 11,
        };

    /// <summary>The config with its rate network block changed.</summary>
    public static TrainConfig WithRate(this TrainConfig config, Func<RateNetworkConfig, RateNetworkConfig> change) =>
        config with { Network = change(config.Rate) };

    /// <summary>Two non-catch trials of opposite direction, training timing (24 steps at dt 50 ms).</summary>
    public static TrialBatch TwoTrials(float dtMs = 50f) =>
        Task.Forced([new RdmCondition(4, 1), new RdmCondition(8, -1)], TaskTiming.Train, dtMs, new Core.Random.RandomStream(5));

    /// <summary>Steps with validations on the run loop's schedule (every ValidationEvery updates).</summary>
    public static void Advance(Trainer t, int updates)
    {
        if (t.Validations.Count == 0) t.Validate();
        for (int i = 0; i < updates; i++)
        {
            t.Step();
            if (t.Updates % t.ValidationEvery == 0) t.Validate();
        }
    }
}
