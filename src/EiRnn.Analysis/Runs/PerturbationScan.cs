using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Statistics;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;

namespace EiRnn.Analysis.Runs;

/// <summary>What one pass over a perturbation partition collects (all optional parts are null when they do not apply).</summary>
internal sealed record ScanSettings(
    bool ThresholdRt,
    bool DurationAccuracy,
    bool ChoiceSelectivity,
    bool RomoTuning,
    StateSampler? States);

/// <summary>
/// The streaming accumulators of one perturbation: per-curve behaviour tables (per-condition counts), and
/// when asked, % correct versus duration, choice d′ over the stimulus period, Romo f1 tuning and a reservoir
/// of sampled states. Nothing grows with the number of trials except what the underlying analyses need
/// (correct-trial RTs, (duration, correct) pairs).
/// </summary>
internal sealed class PerturbationScan
{
    private readonly DatasetManifest _manifest;
    private readonly TaskAxes _axes;
    private readonly ScanSettings _settings;
    private readonly SortedDictionary<string, BehaviourTable> _curves = new(StringComparer.Ordinal);
    private readonly bool _hasCatch, _hasStimulusMs;

    public PerturbationScan(string perturbation, DatasetManifest manifest, TaskAxes axes, ScanSettings settings)
    {
        (Perturbation, _manifest, _axes, _settings) = (perturbation, manifest, axes, settings);
        _hasCatch = manifest.ConditionColumns.Any(col => col.Name == "catch");
        _hasStimulusMs = manifest.ConditionColumns.Any(col => col.Name == "stimulus_ms");
        if (settings.DurationAccuracy) Duration = new DurationAccuracy();
        if (settings.ChoiceSelectivity) Selectivity = new SelectivityAccumulator(manifest.N);
        if (settings.RomoTuning) Romo = new RomoTuningAccumulator(manifest.N, manifest.TSave);
    }

    public string Perturbation { get; }
    public long Trials { get; private set; }
    public long CatchTrials { get; private set; }
    /// <summary>% correct per (f1, f2) condition (romo-like tasks).</summary>
    public PairAccuracy Pairs { get; } = new();
    /// <summary>The periods of the first non-catch trial (test timings are the same for every trial of most tasks).</summary>
    public IReadOnlyList<Tasks.Contract.Period>? FirstPeriods { get; private set; }
    public DurationAccuracy? Duration { get; }
    public SelectivityAccumulator? Selectivity { get; }
    public RomoTuningAccumulator? Romo { get; }

    public bool NeedsZ => _settings.ThresholdRt;
    public bool NeedsR => _settings.ChoiceSelectivity || _settings.RomoTuning || _settings.States is not null;

    public IReadOnlyDictionary<string, BehaviourSummary> Curves =>
        _curves.ToDictionary(kv => kv.Key, kv => kv.Value.ToSummary(), StringComparer.Ordinal);

    public BehaviourSummary? Primary => _curves.TryGetValue(TaskAxes.PrimaryCurve, out var t) ? t.ToSummary() : null;

    public void Add(TrialRecord trial, ReadOnlySpan<float> z, ReadOnlySpan<float> r)
    {
        Trials++;
        var c = trial.Conditions;
        if (_hasCatch && c.Bool("catch") == true) { CatchTrials++; return; }
        FirstPeriods ??= trial.Periods;
        var (choice, correct, rt) = (trial.Outcome.Choice, trial.Outcome.Correct, trial.Outcome.RtMs);
        var stimulus = Stimulus(trial.Periods);
        if (_settings.ThresholdRt && stimulus is { } onset)
        {
            // SPEC.md §5.3: choice and RT from the first threshold crossing of the saved outputs.
            var crossing = ReactionTime.FirstCrossing(z, _manifest.Nout, _manifest.SampleTimesMs, onset.StartMs);
            (choice, rt) = (crossing?.Choice, crossing?.RtMs);
            double coherence = c.Double("coherence") ?? 0;
            correct = choice is int ch && coherence != 0 ? ch == (coherence > 0 ? 0 : 1) : null;
        }
        switch (_axes.Family)
        {
            case TaskFamily.Rdm:
                if (c.Double("coherence") is not double coh) return;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(coh, choice, correct, rt));
                if (Duration is not null)
                {
                    double ms = _hasStimulusMs && c.Double("stimulus_ms") is double d ? d
                        : stimulus is { } s ? s.EndMs - s.StartMs : double.NaN;
                    if (double.IsFinite(ms)) Duration.Add(coh, ms, correct);
                }
                break;
            case TaskFamily.Mante:
                if (c.String("context") is not string ctx || c.Double("motion_coherence") is not double m || c.Double("colour_coherence") is not double col2) return;
                double relevant = ctx == "motion" ? m : col2;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(relevant, choice, correct, rt));
                Curve($"{ctx} context: motion").Add(new TrialBehaviour(m, choice, correct, rt));
                Curve($"{ctx} context: colour").Add(new TrialBehaviour(col2, choice, correct, rt));
                break;
            case TaskFamily.Multisensory:
                if (c.String("modality") is not string mod || c.Double("rate") is not double rate) return;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(rate, choice, correct, rt));
                Curve(mod).Add(new TrialBehaviour(rate, choice, correct, rt));
                break;
            case TaskFamily.Romo:
                if (c.Double("f1_hz") is not double f1 || c.Double("f2_hz") is not double f2) return;
                Pairs.Add(f1, f2, correct);
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(f1 - f2, choice, correct, rt));
                if (Romo is not null && !r.IsEmpty) Romo.Add(f1, correct, r);
                break;
            default:
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(_axes.OtherStimulus(c), choice, correct, rt));
                break;
        }
        if (Selectivity is not null && !r.IsEmpty && choice is int chosen && stimulus is { } p)
            Selectivity.AddTrial(r, SampleWindow.Of(_manifest.SampleTimesMs, p.StartMs, p.EndMs), chosen == 0);
        if (_settings.States is not null && !r.IsEmpty) _settings.States.Offer(r, _manifest.N);
    }

    private BehaviourTable Curve(string name)
    {
        if (!_curves.TryGetValue(name, out var t)) _curves[name] = t = new BehaviourTable(positiveChoice: 0);
        return t;
    }

    private static Tasks.Contract.Period? Stimulus(IReadOnlyList<Tasks.Contract.Period> periods)
    {
        foreach (var p in periods) if (p.Name is "stimulus" or "stimulus1") return p;
        return null;
    }
}
