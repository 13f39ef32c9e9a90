using EiRnn.Analysis.Statistics;
using EiRnn.Analysis.Trajectories;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// Which trials join which condition average of the trajectory PCA, and over which saved samples (docs/analysis.md#condition-averages-and-alignment,
/// docs/analysis.md#trajectory-pca), from the declared capabilities: an evidence factor averages correct trials per evidence value over the
/// evidence window from its onset (with reaction times: from onset to the threshold crossing, aligned to the crossing); a context averages
/// correct trials per context and signed relevant evidence; sequences average every trial per sequence over the whole trial
/// (docs/analysis.md#trajectory-pca runs each sequence once without noise; the average of noisy trials stands in for it); a task that
/// declares nothing averages every trial per value of its behaviour axis over the whole trial.
/// </summary>
internal sealed class TrajectoryPlan
{
    private readonly TaskAxes _axes;
    private readonly bool _wholeTrial;
    private readonly IReadOnlyList<double> _times;

    private TrajectoryPlan(TaskAxes axes, TrajectoryAlignment alignment, bool wholeTrial, IReadOnlyList<double> times, string description)
        => (_axes, Alignment, _wholeTrial, _times, Description) = (axes, alignment, wholeTrial, times, description);

    public TrajectoryAlignment Alignment { get; }
    public string Description { get; }

    public static TrajectoryPlan? For(DatasetManifest manifest, TaskAxes axes)
    {
        var caps = axes.Capabilities;
        var times = manifest.SampleTimesMs;
        if (caps.Evidence is { } e && axes.Family != TaskFamily.ContextEvidence)
            return caps.ReactionTime
                ? new(axes, TrajectoryAlignment.End, false, times, $"correct trials per {e.Name}, from evidence onset to the threshold crossing, aligned to the crossing")
                : new(axes, TrajectoryAlignment.Onset, false, times, $"correct trials per {e.Name} over the evidence window, aligned to its onset");
        if (axes.Family == TaskFamily.ContextEvidence)
            return new(axes, TrajectoryAlignment.Onset, false, times, "correct trials per context and signed relevant evidence over the evidence window, aligned to its onset");
        if (caps.Sequence is { } seq)
            return new(axes, TrajectoryAlignment.Onset, true, times, $"all trials per {seq.Column} over the whole trial");
        return new(axes, TrajectoryAlignment.Onset, true, times, $"all trials per {axes.StimulusColumn} over the whole trial");
    }

    /// <summary>The trial's condition label, group and signed value (see <see cref="ConditionAverage"/>), or null when it does not join an average.</summary>
    public (string Label, int Group, double Value)? ConditionOf(TrialConditionValues c, bool? correct)
    {
        var caps = _axes.Capabilities;
        if (_axes.Family == TaskFamily.ContextEvidence && caps.Context is { } context && caps.Evidence is { } first)
        {
            if (correct != true || c.String(context.Column) is not string ctx) return null;
            int level = context.Levels.ToList().IndexOf(ctx);
            var factor = level == 1 && caps.SecondEvidence is { } second ? second : first;
            if (level < 0 || TaskAxes.Evidence(factor, c) is not double relevant) return null;
            return ($"{ctx} context, {factor.Name} {relevant:+0.#;−0.#} %", level, relevant);
        }
        if (caps.Evidence is { } e)
            return correct == true && TaskAxes.Evidence(e, c) is double x ? ($"{x:+0.#;−0.#} %", 0, x) : null;
        if (caps.Sequence is { } seq)
            return TaskAxes.Number(c, seq.Column) is double s ? ($"{seq.Column} {s:G4}", 0, s) : null;
        double v = _axes.OtherStimulus(c);
        return ($"{_axes.StimulusColumn} {v:G4}", 0, v);
    }

    /// <summary>The saved samples [First, End) that the trial adds: the stimulus period, up to the crossing, or the whole trial.</summary>
    public SampleWindow? WindowOf(IReadOnlyList<Period> periods, Period? evidence, double? rtMs)
    {
        if (_wholeTrial) return periods.Count == 0 ? null : SampleWindow.Of(_times, double.NegativeInfinity, periods.Max(p => p.EndMs));
        if (evidence is not { } s) return null;
        var window = SampleWindow.Of(_times, s.StartMs, s.EndMs);
        if (Alignment == TrajectoryAlignment.Onset) return window;
        if (rtMs is not double rt) return null;
        // The crossing is the saved sample at onset + RT (docs/analysis.md#reaction-time; RT is a sample time minus the onset); it is the window's last.
        int crossing = window.First;
        while (crossing < _times.Count && _times[crossing] < s.StartMs + rt - 1e-6) crossing++;
        return crossing < _times.Count ? new SampleWindow(window.First, crossing + 1) : null;
    }
}
