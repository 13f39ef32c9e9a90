using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests.Support;

/// <summary>Condition of the test task: which of the three inputs is strongest (the "correct" output is its index mod 2).</summary>
internal sealed record StrongestInput(int Channel, bool IsCatch = false) : ITrialCondition
{
    public void Write(IConditionWriter writer) => writer.Int32("channel", Channel);
}

/// <summary>
/// A small task with the contract fixture's sizes (3 inputs, 2 outputs): random inputs, trials of different
/// lengths (so batches are padded), scored by the larger output at the trial's last step and a threshold RT.
/// </summary>
internal sealed class ThreeInputTask(int minSteps, int maxSteps) : ICognitiveTask
{
    public const float Threshold = 0.05f;

    public TaskDescription Description { get; } = new()
    {
        Name = "three-input-test", Summary = "test task", InputNames = ["in0", "in1", "in2"], OutputNames = ["o0", "o1"],
        PeriodNames = ["all"], Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.9, 1, true),
        Defaults = new TaskNetworkDefaults { Preset = Preset.Pycog, N = 20, DtTrainMs = 20, BatchSize = 4, ValidationTrials = 4 },
    };

    public IReadOnlyList<ConditionColumn> ConditionColumns { get; } = [new("channel", ConditionColumnKind.Int32, "strongest input")];
    public IReadOnlyList<ITrialCondition> TestConditions { get; } = [new StrongestInput(0), new StrongestInput(1), new StrongestInput(2)];

    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => throw new NotSupportedException();
    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => throw new NotSupportedException();

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng)
    {
        var plans = conditions.Select(c =>
        {
            int steps = minSteps + rng.NextInt(maxSteps - minSteps + 1);
            var u = new float[steps * 3];
            for (int i = 0; i < u.Length; i++) u[i] = (float)rng.Uniform(0, 0.5);
            int ch = ((StrongestInput)c).Channel;
            for (int k = 0; k < steps; k++) u[k * 3 + ch] += 0.5f;
            return (TrialAssembler.ITrialPlan)new Plan(c, steps * (double)dtMs, u);
        }).ToArray();
        return TrialAssembler.Assemble(plans, 3, 2, dtMs);
    }

    public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        var result = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            int last = batch.OutputIndex(b, batch.TrialSteps[b] - 1, 0);
            int choice = z[last] >= z[last + 1] ? 0 : 1;
            double? rt = null;
            for (int k = 0; k < batch.TrialSteps[b] && rt is null; k++)
                if (Math.Abs(z[batch.OutputIndex(b, k, 0)] - z[batch.OutputIndex(b, k, 1)]) > Threshold) rt = (k + 1) * batch.DtMs;
            result[b] = new TrialOutcome(choice, choice == ((StrongestInput)batch.Conditions[b]).Channel % 2, rt);
        }
        return result;
    }

    public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.FractionCorrect(Score(batch, z));

    private sealed class Plan(ITrialCondition condition, double durationMs, float[] u) : TrialAssembler.ITrialPlan
    {
        public ITrialCondition Condition => condition;
        public IReadOnlyList<Period> Periods { get; } = [new Period("all", 0, durationMs)];
        public double DurationMs => durationMs;
        public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask) =>
            u.AsSpan(sample * 3, 3).CopyTo(input);
    }
}
