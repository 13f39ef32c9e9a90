using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Multisensory;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Trajectories;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// Claims about the population, from the regression subspace, Romo tuning, cue selectivity and the noise-free trajectories
/// (docs/reproduce.md#measures). Intervals resample units (or, for the PCA, saved samples) with replacement.
/// </summary>
internal sealed class PopulationMeasures(int resamples, double level)
{
    public Measurement PositiveChoiceAxis(ManteRegression? mante, RandomStream rng)
    {
        if (mante is null) return Measurement.Unavailable("no regression subspace (needs a context task simulated with rates)");
        var choice = mante.Axes.Column(0);
        return Measurement.Of(ClaimBootstrap.Of(r => ClaimBootstrap.Indices(choice.Count, r).Average(i => choice[i] > 0 ? 1.0 : 0.0), resamples, level, rng),
            $"{choice.Count} active units");
    }

    public Measurement SelectiveFraction(CueSelectivity? cue, string factor, double cutOff, RandomStream rng)
    {
        if (cue is null) return Measurement.Unavailable("no cue selectivity (needs a cue task simulated with rates)");
        var selective = cue.Selective(factor, cutOff);
        return Measurement.Of(ClaimBootstrap.Of(r => ClaimBootstrap.Indices(selective.Length, r).Average(i => selective[i] ? 1.0 : 0.0), resamples, level, rng),
            $"over all {selective.Length} units, {cue.Trials} correct single-cue trials");
    }

    /// <summary>Mean over the window's samples of the fraction of units tuned (p &lt; α) to the first or second pair member,
    /// or to both with opposite signs (docs/analysis.md#romo-tuning).</summary>
    public Measurement TunedFraction(RomoTuning? romo, string factor, string window, RandomStream rng)
    {
        if (romo is null) return Measurement.Unavailable("no Romo tuning (needs a parametric-pair task simulated with rates)");
        var f2 = romo.F2;
        int first, end;
        if (window == "memory") (first, end) = (romo.MidDelaySample, romo.DelayEndSample + 1);
        else if (f2 is null) return Measurement.Unavailable("no joint (f1, f2) regression: the conditions do not determine the second member's slope");
        else (first, end) = (romo.DelayEndSample + 1, Math.Min(romo.SampleTimesMs.Count, 2 * f2.MidF2Sample - romo.DelayEndSample));
        if (end <= first) return Measurement.Unavailable($"the {window} window has no saved sample");
        if (factor != "first" && f2 is null) return Measurement.Unavailable("no joint (f1, f2) regression");
        int units = romo.PValue.Columns;
        double alpha = romo.Alpha;
        bool Tuned(int t, int i) => factor switch
        {
            "first" => romo.PValue[t, i] < alpha,
            "second" => f2!.F2PValue[t, i] < alpha,
            _ => f2!.F1PValue[t, i] < alpha && f2.F2PValue[t, i] < alpha && Math.Sign(f2.F1Slope[t, i]) != Math.Sign(f2.F2Slope[t, i]),
        };
        // Per unit: the fraction of the window's samples at which it is tuned; the population mean is the mean over samples.
        var share = Enumerable.Range(0, units).Select(i => Enumerable.Range(first, end - first).Average(t => Tuned(t, i) ? 1.0 : 0.0)).ToArray();
        return Measurement.Of(ClaimBootstrap.Of(r => ClaimBootstrap.Indices(units, r).Average(i => share[i]), resamples, level, rng),
            $"samples {romo.SampleTimesMs[first]:G5}–{romo.SampleTimesMs[end - 1]:G5} ms, {units} units, α = {alpha}");
    }

    /// <summary>PC1–2 variance share of the noise-free runs (one per condition); the interval resamples saved samples
    /// (at most 200 resamples: each is a full PCA).</summary>
    public Measurement Pc12Share(IReadOnlyList<float[]>? noiseFree, int units, RandomStream rng)
    {
        if (noiseFree is not { Count: > 0 }) return Measurement.Unavailable("no noise-free runs (the test set asks for none, or the dataset lacks rates)");
        var pca = TrajectoryPcaAnalysis.Compute(noiseFree, units);
        var rows = noiseFree.SelectMany(t => Enumerable.Range(0, t.Length / units).Select(s => t.AsSpan(s * units, units).ToArray())).ToArray();
        double Share(RandomStream? r)
        {
            if (r is null) return pca.VarianceExplained(2);
            var sample = ClaimBootstrap.Indices(rows.Length, r).SelectMany(i => rows[i]).ToArray();
            return TrajectoryPcaAnalysis.Compute([sample], units).VarianceExplained(2);
        }
        return Measurement.Of(ClaimBootstrap.Of(Share, Math.Min(resamples, 200), level, rng),
            $"{noiseFree.Count} noise-free runs, {rows.Length} samples, {pca.ActiveUnits.Count} active units; {Math.Min(resamples, 200)} resamples");
    }
}
