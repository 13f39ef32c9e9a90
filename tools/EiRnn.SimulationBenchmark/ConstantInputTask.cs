using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.SimulationBenchmark;

/// <summary>Three constant inputs, two outputs, fixed length: the cheapest task with the contract's sizes.</summary>
internal sealed class ConstantInputTask(int steps) : ICognitiveTask
{
    public static readonly ITrialCondition Condition = new Constant();

    public TaskDescription Description { get; } = new()
    {
        Name = "benchmark-constant", Summary = "benchmark", InputNames = ["a", "b", "c"], OutputNames = ["o0", "o1"],
        PeriodNames = ["all"], Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 1, 1, true),
        Defaults = new TaskNetworkDefaults { Preset = Preset.Pycog, N = 150, DtTrainMs = 20, BatchSize = 1, ValidationTrials = 1 },
    };

    public IReadOnlyList<ConditionColumn> ConditionColumns { get; } = [];
    public IReadOnlyList<ITrialCondition> TestConditions { get; } = [Condition];
    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => throw new NotSupportedException();
    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => throw new NotSupportedException();

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng) =>
        TrialAssembler.Assemble(conditions.Select(c => (TrialAssembler.ITrialPlan)new Plan(steps * (double)dtMs)).ToArray(), 3, 2, dtMs);

    public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            int last = batch.OutputIndex(b, batch.TrialSteps[b] - 1, 0);
            outcomes[b] = new TrialOutcome(z[last] >= z[last + 1] ? 0 : 1, null, null);
        }
        return outcomes;
    }

    public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => 0;

    private sealed record Constant : ITrialCondition
    {
        public bool IsCatch => false;
        public void Write(IConditionWriter writer) { }
    }

    private sealed class Plan(double durationMs) : TrialAssembler.ITrialPlan
    {
        public ITrialCondition Condition => ConstantInputTask.Condition;
        public IReadOnlyList<Period> Periods { get; } = [new Period("all", 0, durationMs)];
        public double DurationMs => durationMs;
        public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask) => input.Fill(0.3f);
    }
}
