using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Interop.Tests.Support;

/// <summary>Condition b: trial b of a fixture's input sequence.</summary>
internal sealed record FixtureTrial(int Index) : ITrialCondition
{
    public bool IsCatch => false;
    public void Write(IConditionWriter writer) => writer.Int32("trial", Index);
}

/// <summary>A task whose trials replay the inputs u [B, T, Nin] NumPy computed the expected outputs for.</summary>
internal sealed class FixtureInputTask(float[] u, int batch, int steps, int nin, int nout) : ICognitiveTask
{
    public TaskDescription Description { get; } = new()
    {
        Name = "fixture-inputs", Summary = "replays fixture inputs",
        InputNames = Enumerable.Range(0, nin).Select(c => $"in{c}").ToArray(), OutputNames = Enumerable.Range(0, nout).Select(c => $"out{c}").ToArray(),
        PeriodNames = ["all"], Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.9, 1, true),
        Defaults = new TaskNetworkDefaults { Preset = Preset.Psychrnn, N = 4, DtTrainMs = 10, BatchSize = 1, ValidationTrials = 1 },
    };

    public IReadOnlyList<ConditionColumn> ConditionColumns { get; } = [new("trial", ConditionColumnKind.Int32, "fixture trial")];
    public IReadOnlyList<ITrialCondition> TestConditions => Enumerable.Range(0, batch).Select(b => (ITrialCondition)new FixtureTrial(b)).ToArray();
    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => throw new NotSupportedException();
    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => throw new NotSupportedException();

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng) =>
        TrialAssembler.Assemble(conditions.Select(c => (TrialAssembler.ITrialPlan)new Plan(c, steps * (double)dtMs,
            u.AsSpan(((FixtureTrial)c).Index * steps * nin, steps * nin).ToArray(), nin)).ToArray(), nin, nout, dtMs);

    public TrialOutcome[] Score(TrialBatch b, ReadOnlySpan<float> z) => Enumerable.Repeat(new TrialOutcome(0, null, null), b.BatchSize).ToArray();
    public double Performance(TrialBatch b, ReadOnlySpan<float> z) => 0;

    private sealed class Plan(ITrialCondition condition, double durationMs, float[] u, int nin) : TrialAssembler.ITrialPlan
    {
        public ITrialCondition Condition => condition;
        public IReadOnlyList<Period> Periods { get; } = [new Period("all", 0, durationMs)];
        public double DurationMs => durationMs;
        public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask) => u.AsSpan(sample * nin, nin).CopyTo(input);
    }
}
