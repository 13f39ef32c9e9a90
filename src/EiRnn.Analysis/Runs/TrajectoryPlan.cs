using EiRnn.Analysis.Statistics;
using EiRnn.Analysis.Trajectories;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// Which trials join which condition average of the trajectory PCA, and over which saved samples (docs/analysis.md#condition-averages-and-alignment,
/// docs/analysis.md#trajectory-pca): rdm tasks average correct trials per signed coherence from stimulus onset (rdm-rt: the window from
/// onset to the threshold crossing, aligned to the crossing); mante averages correct trials per context and signed
/// relevant coherence; sequence averages every trial per sequence over the whole trial (docs/analysis.md#trajectory-pca runs each sequence
/// once without noise; the average of noisy trials stands in for it).
/// </summary>
internal sealed class TrajectoryPlan
{
    private readonly TaskFamily _family;
    private readonly bool _wholeTrial;
    private readonly IReadOnlyList<double> _times;

    private TrajectoryPlan(TaskFamily family, TrajectoryAlignment alignment, bool wholeTrial, IReadOnlyList<double> times, string description)
        => (_family, Alignment, _wholeTrial, _times, Description) = (family, alignment, wholeTrial, times, description);

    public TrajectoryAlignment Alignment { get; }
    public string Description { get; }

    public static TrajectoryPlan? For(DatasetManifest manifest, TaskAxes axes) => axes.Family switch
    {
        TaskFamily.Rdm when manifest.Task == "rdm-rt" => new(axes.Family, TrajectoryAlignment.End, false, manifest.SampleTimesMs,
            "correct trials per signed coherence, from stimulus onset to the threshold crossing, aligned to the crossing"),
        TaskFamily.Rdm => new(axes.Family, TrajectoryAlignment.Onset, false, manifest.SampleTimesMs,
            "correct trials per signed coherence over the stimulus period, aligned to its onset"),
        TaskFamily.Mante => new(axes.Family, TrajectoryAlignment.Onset, false, manifest.SampleTimesMs,
            "correct trials per context and signed relevant coherence over the stimulus period, aligned to its onset"),
        TaskFamily.Other when manifest.ConditionColumns.Any(c => c.Name == "sequence" && c.Kind == ConditionColumnKind.Int32) =>
            new(axes.Family, TrajectoryAlignment.Onset, true, manifest.SampleTimesMs, "all trials per sequence over the whole trial"),
        _ => null,
    };

    /// <summary>The trial's condition label, group and signed value (see <see cref="ConditionAverage"/>), or null when it does not join an average.</summary>
    public (string Label, int Group, double Value)? ConditionOf(TrialConditionValues c, bool? correct)
    {
        switch (_family)
        {
            case TaskFamily.Rdm when correct == true && c.Double("coherence") is double coh:
                return ($"{coh:+0.#;−0.#} %", 0, coh);
            case TaskFamily.Mante when correct == true && c.String("context") is string ctx && c.Double("motion_coherence") is double m
                                      && c.Double("colour_coherence") is double col:
                double relevant = ctx == "motion" ? m : col;
                return ($"{ctx} context, {ctx} {relevant:+0.#;−0.#} %", ctx == "motion" ? 0 : 1, relevant);
            case TaskFamily.Other when c.Int32("sequence") is int s:
                return ($"sequence {s}", 0, s);
            default:
                return null;
        }
    }

    /// <summary>The saved samples [First, End) that the trial adds: the stimulus period, up to the crossing, or the whole trial.</summary>
    public SampleWindow? WindowOf(IReadOnlyList<Period> periods, Period? stimulus, double? rtMs)
    {
        if (_wholeTrial) return periods.Count == 0 ? null : SampleWindow.Of(_times, double.NegativeInfinity, periods.Max(p => p.EndMs));
        if (stimulus is not { } s) return null;
        var window = SampleWindow.Of(_times, s.StartMs, s.EndMs);
        if (Alignment == TrajectoryAlignment.Onset) return window;
        if (rtMs is not double rt) return null;
        // The crossing is the saved sample at onset + RT (docs/analysis.md#reaction-time; RT is a sample time minus the onset); it is the window's last.
        int crossing = window.First;
        while (crossing < _times.Count && _times[crossing] < s.StartMs + rt - 1e-6) crossing++;
        return crossing < _times.Count ? new SampleWindow(window.First, crossing + 1) : null;
    }
}
