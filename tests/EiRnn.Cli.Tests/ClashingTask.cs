using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Cli.Tests;

/// <summary>
/// A user task that takes a built-in task's name: this test assembly, passed as --task-assembly, must be
/// rejected (CustomTaskTests). It is the only public task type here.
/// </summary>
public sealed class ClashingTask : ICognitiveTask
{
    private readonly RdmFixedTask _task = new();
    public TaskDescription Description => _task.Description;
    public IReadOnlyList<ConditionColumn> ConditionColumns => _task.ConditionColumns;
    public IReadOnlyList<ITrialCondition> TestConditions => _task.TestConditions;
    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => _task.TrainingBatch(batchSize, dtMs, rng);
    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => _task.ValidationBatch(count, dtMs, rng);
    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng) =>
        _task.Forced(conditions, timing, dtMs, rng);
    public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => _task.Score(batch, z);
    public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => _task.Performance(batch, z);
}
