using EiRnn.Core.Random;

namespace EiRnn.Tasks.Contract;

/// <summary>A constant task input u* (before the baseline u0) and the periods of the trial in which it holds.</summary>
public sealed record EpochInput(string Periods, IReadOnlyList<double> TaskInput);

/// <summary>
/// The constant inputs of docs/analysis.md#fixed-and-slow-points ("an epoch's value"): the task input in the middle of each
/// period of one test condition. That is the zero-evidence condition (the first one without a correct answer, e.g. rdm
/// coherence 0) when the task has one, so that the fixed points are those the network meets when the evidence does not
/// decide; otherwise the first test condition, so that every task gets fixed points. Periods with the same input (e.g.
/// rdm-fixed's fixation and decision, both input 0) share one entry.
/// </summary>
public static class EpochInputs
{
    /// <summary>Built by the caller of analysis from the task (the analysis reads no task code).</summary>
    /// <returns>Empty only when the task has no test condition.</returns>
    public static IReadOnlyList<EpochInput> Of(ICognitiveTask t, float dtMs, RandomStream rng)
    {
        var condition = t.TestConditions.FirstOrDefault(c => c is IChoiceCondition { CorrectChoice: null }) ?? (t.TestConditions.Count > 0 ? t.TestConditions[0] : null);
        if (condition is null) return [];
        var batch = t.Forced([condition], TaskTiming.Test, dtMs, rng);
        var inputs = new List<(List<string> Periods, double[] Input)>();
        foreach (var p in batch.Periods[0])
        {
            // Sample k is at time (k + 1)·dt (docs/model.md#time-indexing), so the period's middle is sample round(mid/dt) − 1.
            int k = Math.Clamp((int)Math.Round((p.StartMs + p.EndMs) / 2 / dtMs) - 1, 0, batch.TrialSteps[0] - 1);
            var u = Enumerable.Range(0, batch.InputCount).Select(c => (double)batch.Inputs[batch.InputIndex(0, k, c)]).ToArray();
            var same = inputs.FindIndex(e => e.Input.AsSpan().SequenceEqual(u));
            if (same >= 0) inputs[same].Periods.Add(p.Name); else inputs.Add(([p.Name], u));
        }
        return inputs.Select(e => new EpochInput(string.Join("/", e.Periods), e.Input)).ToArray();
    }
}
