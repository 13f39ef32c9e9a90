using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// Targets and error mask of the pycog two-choice tasks (docs/tasks.md#common-rules-of-the-pycog-two-choice-tasks): fixation both lo, decision
/// correct hi and other lo, mask 1 in fixation and decision, 0 elsewhere; catch trials all lo, mask 1.
/// </summary>
internal static class PycogTargets
{
    public const float Hi = 1f, Lo = 0.2f;

    public static void Fixation(Span<float> target, Span<float> mask)
    {
        target.Fill(Lo); mask.Fill(1);
    }

    public static void Decision(Span<float> target, Span<float> mask, int correct, float hi = Hi)
    {
        target.Fill(Lo); target[correct] = hi; mask.Fill(1);
    }

    /// <summary>A catch trial: no stimulus (u_task stays exactly 0), both targets lo, mask 1 throughout.</summary>
    public static TrialPlan CatchPlan(ITrialCondition condition, double durationMs) =>
        new(condition, [new Period("catch", 0, durationMs)], durationMs,
            (int _, double _, Span<float> _, Span<float> target, Span<float> mask) => Fixation(target, mask));

    /// <summary>Consecutive named epochs from trial start.</summary>
    public static Period[] Epochs(params (string Name, double DurationMs)[] epochs)
    {
        var periods = new Period[epochs.Length];
        double t = 0;
        for (int i = 0; i < epochs.Length; i++) { periods[i] = new(epochs[i].Name, t, t + epochs[i].DurationMs); t += epochs[i].DurationMs; }
        return periods;
    }

    /// <summary>Whether sample time t (= (k+1)·dt) lies in period p, i.e. start &lt; t ≤ end (docs/model.md#time-indexing).</summary>
    public static bool In(this Period p, double timeMs) => timeMs > p.StartMs && timeMs <= p.EndMs;
}
