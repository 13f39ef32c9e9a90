using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;

namespace EiRnn.Training;

/// <summary>
/// Resolves a <see cref="TrainConfig"/>: the task's network recipe (TaskNetworkDefaults), then the preset's
/// objective and optimiser (SPEC.md Table 1 for pycog, §7 for PsychRNN), then the user's JSON file, then
/// command-line values; validated once at the end. An LSTM (<c>"architecture": "lstm"</c>) starts from the
/// PsychRNN recipe (SPEC.md §1.6: the LSTM is PsychRNN's) unless the file names a preset, with every
/// rate-network-only key at its neutral value (<see cref="LstmTrainConfig"/>).
/// </summary>
public static class TrainConfigResolver
{
    public static TrainConfig Defaults(TaskDescription task, Preset preset, NetworkArch architecture = NetworkArch.EiRnn)
    {
        var rate = RateDefaults(task, preset);
        return architecture == NetworkArch.Lstm ? LstmTrainConfig.Neutralise(rate with { Architecture = NetworkArch.Lstm }) : rate;
    }

    private static TrainConfig RateDefaults(TaskDescription task, Preset preset)
    {
        var d = task.Defaults;
        var config = new TrainConfig
        {
            Task = task.Name, Preset = preset,
            N = d.N, ExcitatoryFraction = d.ExcitatoryFraction, Dale = d.Dale, TauMs = d.TauMs, DtMs = d.DtTrainMs,
            SigmaRec = d.SigmaRec, SigmaIn = d.SigmaIn, BatchSize = d.BatchSize, ValidationTrials = d.ValidationTrials,
            Structure = d.Structure, ReadoutFromAllUnits = d.ReadoutFromAllUnits, ConnectStartCue = d.ConnectStartCue,
            CarryStateInTraining = d.Continuous, TrainInitialState = !d.Continuous,
        };
        return preset switch
        {
            Preset.Pycog => config,
            Preset.Psychrnn => config with
            {
                // A pycog task trained with the PsychRNN recipe gets PsychRNN's rec_noise default, 0.
                SigmaRec = d.Preset == Preset.Psychrnn ? d.SigmaRec : 0,
                U0 = 0, SigmaIn = 0, RectifyInputs = false,
                Autapses = true, Positivity = Positivity.AbsoluteValue,
                TrainRecurrentBias = true, TrainOutputBias = true, InitialStateNoise = 0.01,
                RecurrentInit = RecurrentInit.GaussianSpectralRadius, SpectralRadius = 1.1,
                InputOutputInit = InputOutputInit.GlorotGauss,
                Loss = LossNormalisation.PsychrnnMean, RegulariseEffectiveWeights = true, LambdaOmega = 0,
                Optimiser = OptimiserKind.Adam, LearningRate = 0.001, Clipping = GradientClipping.PerTensor,
                MaxTrials = 200_000,
            },
            _ => throw new ConfigException("preset", $"'{preset}' is not a known preset"),
        };
    }

    /// <summary>Builds the config of a `train` run. <paramref name="configJson"/> may be null (no file).</summary>
    public static TrainConfig Resolve(string? configJson, string? taskName, ulong? seed, TaskRegistry registry, string source = "config")
    {
        string? fileTask = configJson is null ? null : TrainConfig.PeekString(configJson, "task", source);
        string name = taskName ?? fileTask
            ?? throw new ConfigException("task", "is required (give --task NAME or \"task\" in the config)");
        var task = registry.Create(name);
        string? architectureText = configJson is null ? null : TrainConfig.PeekString(configJson, "architecture", source);
        var architecture = architectureText is null ? NetworkArch.EiRnn : ParseArchitecture(architectureText, source);
        string? presetText = configJson is null ? null : TrainConfig.PeekString(configJson, "preset", source);
        var preset = presetText is not null ? ParsePreset(presetText, source)
            : architecture == NetworkArch.Lstm ? Preset.Psychrnn : task.Description.Defaults.Preset;
        var config = Defaults(task.Description, preset, architecture);
        if (configJson is not null) config = config.WithOverrides(configJson, source);
        config = config with { Task = name, Seed = seed ?? config.Seed };
        return config.Validate();
    }

    private static NetworkArch ParseArchitecture(string text, string source) => text switch
    {
        "ei-rnn" => NetworkArch.EiRnn,
        "lstm" => NetworkArch.Lstm,
        _ => throw new ConfigException("architecture", $"must be one of ei-rnn, lstm, got '{text}' (in {source})"),
    };

    private static Preset ParsePreset(string text, string source) => text switch
    {
        "pycog" => Preset.Pycog,
        "psychrnn" => Preset.Psychrnn,
        _ => throw new ConfigException("preset", $"must be one of pycog, psychrnn, got '{text}' (in {source})"),
    };
}
