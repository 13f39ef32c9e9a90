using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Statistics;
using EiRnn.Analysis.Trajectories;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;

namespace EiRnn.Analysis.Runs;

/// <summary>What one pass over a perturbation partition collects (all optional parts are null when they do not apply).</summary>
internal sealed record ScanSettings(
    bool DurationAccuracy,
    bool ChoiceSelectivity,
    bool RomoTuning,
    bool ManteRegression,
    TrajectoryPlan? Trajectories,
    StateSampler? States);

/// <summary>
/// The streaming accumulators of one perturbation: per-curve behaviour tables (per-condition counts), and
/// when asked, % correct versus duration, choice d′ over the stimulus period, Romo tuning, the Mante regression's
/// sufficient statistics, condition-averaged trajectories and a reservoir of sampled states. Nothing grows with
/// the number of trials except what the underlying analyses need (correct-trial RTs, (duration, correct) pairs).
/// </summary>
internal sealed class PerturbationScan
{
    private readonly DatasetManifest _manifest;
    private readonly TaskAxes _axes;
    private readonly ScanSettings _settings;
    private readonly SortedDictionary<string, BehaviourTable> _curves = new(StringComparer.Ordinal);
    private readonly string? _catchColumn, _durationColumn;

    public PerturbationScan(string perturbation, DatasetManifest manifest, TaskAxes axes, ScanSettings settings)
    {
        (Perturbation, _manifest, _axes, _settings) = (perturbation, manifest, axes, settings);
        _catchColumn = axes.Capabilities.CatchColumn;
        _durationColumn = axes.Capabilities.DurationVariation?.Column;
        if (settings.DurationAccuracy) Duration = new DurationAccuracy();
        if (settings.ChoiceSelectivity) Selectivity = new SelectivityAccumulator(manifest.N);
        if (settings.RomoTuning) Romo = new RomoTuningAccumulator(manifest.N, manifest.TSave);
        if (settings.Trajectories is { } plan) Trajectories = new ConditionAverageAccumulator(manifest.N, manifest.TSave, manifest.DtSaveMs, plan.Alignment);
    }

    public string Perturbation { get; }
    /// <summary>Trials analysed: every trial of the partition except the diverged ones.</summary>
    public long Trials { get; private set; }
    /// <summary>Trials of the partition left out because they diverged (TrialStream never hands them to <see cref="Add"/>).</summary>
    public long DivergedTrials { get; set; }
    /// <summary>Diverged / all trials of the partition (0 when it is empty).</summary>
    public double DivergedFraction => Trials + DivergedTrials == 0 ? 0 : (double)DivergedTrials / (Trials + DivergedTrials);
    /// <summary>More than half of the partition diverged: its surviving trials are not a sample of its behaviour.</summary>
    public bool MostlyDiverged => DivergedFraction > 0.5;
    public long CatchTrials { get; private set; }
    /// <summary>% correct per (f1, f2) condition (romo-like tasks).</summary>
    public PairAccuracy Pairs { get; } = new();
    /// <summary>The periods of the first non-catch trial (test timings are the same for every trial of most tasks).</summary>
    public IReadOnlyList<Tasks.Contract.Period>? FirstPeriods { get; private set; }
    public DurationAccuracy? Duration { get; }
    public SelectivityAccumulator? Selectivity { get; }
    public RomoTuningAccumulator? Romo { get; }
    public ConditionAverageAccumulator? Trajectories { get; }
    /// <summary>Created at the first Mante trial with a stimulus (its window fixes the regression samples; test timings are the same for all trials).</summary>
    public ManteAccumulator? Mante { get; private set; }

    /// <summary>No analysis reads z: choice and RT are the simulator's stored scores.</summary>
    public static bool NeedsZ => false;
    public bool NeedsR => _settings.ChoiceSelectivity || _settings.RomoTuning || _settings.ManteRegression || _settings.Trajectories is not null
                          || _settings.States is not null;

    public IReadOnlyDictionary<string, BehaviourSummary> Curves =>
        _curves.ToDictionary(kv => kv.Key, kv => kv.Value.ToSummary(), StringComparer.Ordinal);

    public BehaviourSummary? Primary => _curves.TryGetValue(TaskAxes.PrimaryCurve, out var t) ? t.ToSummary() : null;

    public void Add(TrialRecord trial, ReadOnlySpan<float> z, ReadOnlySpan<float> r)
    {
        Trials++;
        var c = trial.Conditions;
        var caps = _axes.Capabilities;
        if (_catchColumn is not null && c.Bool(_catchColumn) == true) { CatchTrials++; return; }
        FirstPeriods ??= trial.Periods;
        var (choice, correct, rt) = (trial.Outcome.Choice, trial.Outcome.Correct, trial.Outcome.RtMs);
        var evidence = _axes.EvidenceWindow(trial.Periods);
        // Choice, correctness and RT are the simulator's, scored once on every integration step (docs/analysis.md#reaction-time).
        switch (_axes.Family)
        {
            case TaskFamily.Evidence:
                if (TaskAxes.Evidence(caps.Evidence!, c) is not double coh) return;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(coh, choice, correct, rt));
                if (Duration is not null)
                {
                    double ms = _durationColumn is not null && TaskAxes.Number(c, _durationColumn) is double d ? d
                        : evidence is { } s ? s.EndMs - s.StartMs : double.NaN;
                    if (double.IsFinite(ms)) Duration.Add(coh, ms, correct);
                }
                break;
            case TaskFamily.ContextEvidence:
                var context = caps.Context!;
                if (c.String(context.Column) is not string ctx) return;
                int level = context.Levels.ToList().IndexOf(ctx);
                if (level < 0) return;
                var first = caps.Evidence!;
                var second = caps.SecondEvidence ?? first;
                if (TaskAxes.Evidence(first, c) is not double m || TaskAxes.Evidence(second, c) is not double col2) return;
                double relevant = level == 0 ? m : col2;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(relevant, choice, correct, rt));
                Curve($"{ctx} context: {first.Name}").Add(new TrialBehaviour(m, choice, correct, rt));
                if (caps.SecondEvidence is not null) Curve($"{ctx} context: {second.Name}").Add(new TrialBehaviour(col2, choice, correct, rt));
                if (_settings.ManteRegression && !r.IsEmpty && choice is int chosenOutput && correct is bool ok && evidence is { } stim)
                {
                    Mante ??= new ManteAccumulator(_manifest.N, _manifest.SampleTimesMs, SampleWindow.Of(_manifest.SampleTimesMs, stim.StartMs, stim.EndMs),
                        _manifest.DtSaveMs, new ManteOptions());
                    Mante.Add(new ManteTrialLabels(chosenOutput, m, col2, level == 0 ? 1 : -1, ok), r);
                }
                break;
            case TaskFamily.CueEvidence:
                if (c.String(caps.Cues!.Column) is not string cue || TaskAxes.Evidence(caps.Evidence!, c) is not double rate) return;
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(rate, choice, correct, rt));
                Curve(cue).Add(new TrialBehaviour(rate, choice, correct, rt));
                break;
            case TaskFamily.PairedEvidence:
                var pairs = caps.Pairs!;
                if (TaskAxes.Number(c, pairs.FirstColumn) is not double f1 || TaskAxes.Number(c, pairs.SecondColumn) is not double f2
                    || TaskAxes.Evidence(caps.Evidence!, c) is not double difference) return;
                Pairs.Add(f1, f2, correct);
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(difference, choice, correct, rt));
                if (Romo is not null && !r.IsEmpty) Romo.Add(f1, f2, correct, r);
                break;
            default:
                Curve(TaskAxes.PrimaryCurve).Add(new TrialBehaviour(_axes.OtherStimulus(c), choice, correct, rt));
                break;
        }
        if (Trajectories is not null && !r.IsEmpty && _settings.Trajectories!.ConditionOf(c, correct) is { } condition
            && _settings.Trajectories.WindowOf(trial.Periods, evidence, rt) is { } window)
            Trajectories.Add(condition.Label, condition.Group, condition.Value, r, window.First, window.End);
        if (Selectivity is not null && !r.IsEmpty && choice is int chosen && _axes.ChoiceWindow(trial.Periods) is { } p)
            Selectivity.AddTrial(r, SampleWindow.Of(_manifest.SampleTimesMs, p.StartMs, p.EndMs), chosen == 0);
        if (_settings.States is not null && !r.IsEmpty) _settings.States.Offer(r, _manifest.N);
    }

    private BehaviourTable Curve(string name)
    {
        if (!_curves.TryGetValue(name, out var t)) _curves[name] = t = new BehaviourTable(positiveChoice: 0);
        return t;
    }
}
