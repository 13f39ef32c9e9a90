using EiRnn.Core.Errors;

namespace EiRnn.Tasks.Contract;

/// <summary>Condition lists for <see cref="ICognitiveTask.Forced"/> (test sets of docs/tasks.md and docs/analysis.md#headline-results).</summary>
public static class ForcedConditions
{
    /// <summary>
    /// Each test condition K times in cyclic order (c1, c2, …, cn, c1, …), as the test sets of docs/tasks.md
    /// ("K trials per condition in cyclic order"). Random durations are drawn when the batch is built.
    /// </summary>
    public static IReadOnlyList<ITrialCondition> EachCondition(this ICognitiveTask task, int trialsPerCondition)
    {
        if (trialsPerCondition < 1)
            throw new ConfigException("trials_per_condition", $"must be >= 1, got {trialsPerCondition}");
        var test = task.TestConditions;
        var list = new ITrialCondition[test.Count * trialsPerCondition];
        for (int i = 0; i < list.Length; i++) list[i] = test[i % test.Count];
        return list;
    }

    /// <summary>A window of <see cref="EachCondition"/>: trials [start, start+count) of the cyclic order, for
    /// chunked simulation without materialising the whole test set.</summary>
    public static IReadOnlyList<ITrialCondition> CyclicSlice(this ICognitiveTask task, long start, int count)
    {
        if (start < 0) throw new ConfigException("start", $"must be >= 0, got {start}");
        if (count < 1) throw new ConfigException("count", $"must be >= 1, got {count}");
        var test = task.TestConditions;
        var list = new ITrialCondition[count];
        for (int i = 0; i < count; i++) list[i] = test[(int)((start + i) % test.Count)];
        return list;
    }
}
