using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Runs;
using EiRnn.Core.Random;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// Claims about behaviour, measured from the stored trial outcomes (choice, correctness, RT) and the task's declared evidence,
/// context, pair and duration capabilities (docs/reproduce.md#measures). Catch trials never count.
/// </summary>
internal sealed class BehaviourMeasures(TaskCapabilities caps, IReadOnlyList<TrialRecord> trials, int resamples, double level)
{
    private readonly TrialRecord[] _trials = trials.Where(t => caps.CatchColumn is not { } c || t.Conditions.Bool(c) != true).ToArray();

    /// <summary>The evidence factor a trial's choice should follow (the relevant one under a context).</summary>
    private double? Relevant(TrialRecord t)
    {
        if (caps.Evidence is not { } first) return null;
        if (caps.Context is { } ctx && caps.SecondEvidence is { } second)
            return t.Conditions.String(ctx.Column) == ctx.Levels[1] ? TaskAxes.Evidence(second, t.Conditions) : TaskAxes.Evidence(first, t.Conditions);
        return TaskAxes.Evidence(first, t.Conditions);
    }

    private double Reference => caps.Evidence?.ZeroEvidence ?? caps.Evidence?.Boundary ?? 0;
    private bool ChosePositive(TrialRecord t) => t.Outcome.Choice == caps.Evidence!.PositiveChoice;

    public Measurement PositiveChoiceAtZero(RandomStream rng)
    {
        if (caps.Evidence is null) return Measurement.Unavailable("the task declares no evidence factor");
        var atZero = _trials.Where(t => Relevant(t) == Reference && t.Outcome.Choice is not null).ToArray();
        if (atZero.Length == 0) return Measurement.Unavailable($"no responded trial at evidence {Reference}");
        int k = atZero.Count(ChosePositive);
        return Measurement.Of(ClaimBootstrap.Of(r => ClaimBootstrap.Proportion(k, atZero.Length, r), resamples, level, rng),
            $"{k} of {atZero.Length} trials");
    }

    public Measurement FitR2(RandomStream rng)
    {
        if (caps.Evidence is null) return Measurement.Unavailable("the task declares no evidence factor");
        var table = new ChoiceCountTable();
        foreach (var t in _trials)
            if (t.Outcome.Choice is not null && Relevant(t) is double x) table.Add(x, ChosePositive(t));
        var counts = table.ToCounts();
        if (counts.Count < 3) return Measurement.Unavailable($"{counts.Count} evidence values; a fit needs at least 3");
        var resampled = new ChoiceCount[counts.Count];
        double R2(RandomStream? r)
        {
            for (int i = 0; i < counts.Count; i++)
                resampled[i] = counts[i] with { Positive = r is null ? counts[i].Positive : (int)Math.Round(ClaimBootstrap.Proportion(counts[i].Positive, counts[i].Trials, r) * counts[i].Trials) };
            var curve = CumulativeGaussianFitter.Fit(resampled, PsychometricEstimator.MaximumLikelihood);
            double n = resampled.Sum(c => c.Trials), mean = resampled.Sum(c => c.Positive) / n;
            double residual = resampled.Sum(c => c.Trials * Math.Pow(c.Proportion - curve.P(c.X), 2));
            double total = resampled.Sum(c => c.Trials * Math.Pow(c.Proportion - mean, 2));
            return total == 0 ? double.NaN : 1 - residual / total;
        }
        return Measurement.Of(ClaimBootstrap.Of(R2, resamples, level, rng), $"{counts.Count} evidence values, {counts.Sum(c => c.Trials)} trials");
    }

    public Measurement DurationGain(double minAbs, double maxAbs, IReadOnlyList<double> sampleTimesMs, RandomStream rng)
    {
        if (caps.DurationVariation is not { } duration) return Measurement.Unavailable("the task declares no stimulus-duration variation");
        var axes = TaskAxes.For(caps);
        var scored = new List<(double Ms, bool Correct)>();
        foreach (var t in _trials)
        {
            if (t.Outcome.Correct is not bool ok || Relevant(t) is not double x || Math.Abs(x - Reference) < minAbs || Math.Abs(x - Reference) > maxAbs) continue;
            double ms = duration.Column is { } col && TaskAxes.Number(t.Conditions, col) is double d ? d
                : axes.EvidenceWindow(t.Periods) is { } w ? w.EndMs - w.StartMs : double.NaN;
            if (double.IsFinite(ms)) scored.Add((ms, ok));
        }
        if (scored.Count < 30) return Measurement.Unavailable($"{scored.Count} scored trials with |evidence| in [{minAbs}, {maxAbs}]; at least 30 needed");
        var sorted = scored.OrderBy(s => s.Ms).ToArray();
        int third = sorted.Length / 3;
        int shortCorrect = sorted.Take(third).Count(s => s.Correct), longCorrect = sorted.Skip(sorted.Length - third).Count(s => s.Correct);
        var e = ClaimBootstrap.Of(r => ClaimBootstrap.Proportion(longCorrect, third, r) - ClaimBootstrap.Proportion(shortCorrect, third, r), resamples, level, rng);
        return Measurement.Of(e, $"{third} trials per third; shortest ≤ {sorted[third - 1].Ms:G4} ms, longest ≥ {sorted[^third].Ms:G4} ms");
    }

    public Measurement RtSlope(RandomStream rng)
    {
        if (!caps.ReactionTime) return Measurement.Unavailable("the task declares no reaction time");
        var groups = _trials.Where(t => t.Outcome.Correct == true && t.Outcome.RtMs is double && Relevant(t) is double x && x != Reference)
            .GroupBy(t => Math.Abs(Relevant(t)!.Value - Reference))
            .Select(g => (LogX: Math.Log10(g.Key), Rt: g.Select(t => t.Outcome.RtMs!.Value).ToArray())).ToArray();
        if (groups.Length < 2) return Measurement.Unavailable($"correct RTs at {groups.Length} evidence magnitudes; a slope needs 2");
        double Slope(RandomStream? r)
        {
            double sx = 0, sy = 0, sxx = 0, sxy = 0; int n = 0;
            foreach (var (logX, rt) in groups)
                foreach (int i in ClaimBootstrap.Indices(rt.Length, r))
                {
                    sx += logX; sy += rt[i]; sxx += logX * logX; sxy += logX * rt[i]; n++;
                }
            return (n * sxy - sx * sy) / (n * sxx - sx * sx);
        }
        return Measurement.Of(ClaimBootstrap.Of(Slope, resamples, level, rng),
            $"ms per decade of |evidence|; {groups.Sum(g => g.Rt.Length)} correct trials at {groups.Length} magnitudes");
    }

    public Measurement SlopeRatio(string contextLevel, RandomStream rng)
    {
        if (caps.Context is not { } ctx || caps.Evidence is not { } first || caps.SecondEvidence is not { } second)
            return Measurement.Unavailable("the task declares no context with two evidence factors");
        int index = ctx.Levels.ToList().IndexOf(contextLevel);
        if (index < 0) return Measurement.Unavailable($"context level '{contextLevel}' is not one of {string.Join(", ", ctx.Levels)}");
        var (relevant, irrelevant) = index == 0 ? (first, second) : (second, first);
        var inContext = _trials.Where(t => t.Conditions.String(ctx.Column) == contextLevel && t.Outcome.Choice is not null
                                           && TaskAxes.Evidence(relevant, t.Conditions) is not null && TaskAxes.Evidence(irrelevant, t.Conditions) is not null)
            .Select(t => (Rel: TaskAxes.Evidence(relevant, t.Conditions)!.Value, Irr: TaskAxes.Evidence(irrelevant, t.Conditions)!.Value, Pos: ChosePositive(t)))
            .ToArray();
        if (inContext.Length < 10) return Measurement.Unavailable($"{inContext.Length} responded trials in the {contextLevel} context");
        // Resample trials within each (relevant, irrelevant) condition: both curves come from the same trials.
        var cells = inContext.GroupBy(t => (t.Rel, t.Irr)).Select(g => g.ToArray()).ToArray();
        double relMax = inContext.Max(t => Math.Abs(t.Rel)), irrMax = inContext.Max(t => Math.Abs(t.Irr));
        double Ratio(RandomStream? r)
        {
            var sample = cells.SelectMany(c => ClaimBootstrap.Indices(c.Length, r).Select(i => c[i])).ToArray();
            return CurveSlope(sample.Select(s => (s.Irr / irrMax, s.Pos))) / CurveSlope(sample.Select(s => (s.Rel / relMax, s.Pos)));
        }
        return Measurement.Of(ClaimBootstrap.Of(Ratio, resamples, level, rng),
            $"{relevant.Name} relevant, {irrelevant.Name} irrelevant; {inContext.Length} trials");
    }

    /// <summary>Trial-weighted least-squares slope of P(positive) against x over the per-x proportions.</summary>
    private static double CurveSlope(IEnumerable<(double X, bool Positive)> trials)
    {
        var points = trials.GroupBy(t => t.X).Select(g => (X: g.Key, N: (double)g.Count(), P: g.Count(t => t.Positive) / (double)g.Count())).ToArray();
        double n = points.Sum(p => p.N), mx = points.Sum(p => p.N * p.X) / n, mp = points.Sum(p => p.N * p.P) / n;
        double sxx = points.Sum(p => p.N * (p.X - mx) * (p.X - mx)), sxp = points.Sum(p => p.N * (p.X - mx) * (p.P - mp));
        return sxp / sxx;
    }

    public Measurement PairAccuracy(bool minimum, RandomStream rng)
    {
        if (caps.Pairs is not { } pairs) return Measurement.Unavailable("the task declares no parametric pairs");
        var cells = _trials.Where(t => t.Outcome.Correct is not null)
            .GroupBy(t => (TaskAxes.Number(t.Conditions, pairs.FirstColumn), TaskAxes.Number(t.Conditions, pairs.SecondColumn)))
            .Where(g => g.Key.Item1 is not null && g.Key.Item2 is not null)
            .Select(g => (Label: $"({g.Key.Item1:G4}, {g.Key.Item2:G4})", K: g.Count(t => t.Outcome.Correct == true), N: g.Count())).ToArray();
        return Summary(cells, minimum, "pair", rng);
    }

    public Measurement ConditionAccuracy(RandomStream rng)
    {
        var axes = TaskAxes.For(caps);
        var cells = _trials.Where(t => t.Outcome.Correct is not null)
            .GroupBy(t => Relevant(t) ?? axes.OtherStimulus(t.Conditions))
            .Select(g => (Label: $"{axes.StimulusColumn} {g.Key:G4}", K: g.Count(t => t.Outcome.Correct == true), N: g.Count())).ToArray();
        return Summary(cells, minimum: true, "condition", rng);
    }

    private Measurement Summary((string Label, int K, int N)[] cells, bool minimum, string what, RandomStream rng)
    {
        if (cells.Length == 0) return Measurement.Unavailable($"no scored trial in any {what}");
        double Stat(RandomStream? r)
        {
            var acc = cells.Select(c => ClaimBootstrap.Proportion(c.K, c.N, r)).OrderBy(v => v).ToArray();
            return minimum ? acc[0] : Statistics.PercentileInterval.Quantile(acc, 0.5);
        }
        var worst = cells.MinBy(c => (double)c.K / c.N);
        return Measurement.Of(ClaimBootstrap.Of(Stat, resamples, level, rng),
            $"{cells.Length} {what}s; worst {worst.Label}: {worst.K}/{worst.N}");
    }
}
