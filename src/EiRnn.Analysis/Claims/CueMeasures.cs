using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Runs;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// Cue-combination claims from the per-cue psychometric fits (docs/analysis.md#multisensory-integration): the combined threshold
/// σ over the best single-cue σ, and over the optimal-integration prediction (1/σ_v² + 1/σ_a²)^(−1/2). Intervals from the fits'
/// bootstrap samples, resample by resample.
/// </summary>
internal static class CueMeasures
{
    public static Measurement ThresholdRatio(TaskCapabilities caps, IReadOnlyList<TrialRecord> trials, bool againstOptimal, int resamples, double level, RandomStream rng)
    {
        if (caps.Cues is not { SingleCueLevels.Count: 2 } cues || caps.Evidence is not { } e)
            return Measurement.Unavailable("the task declares no cue factor with two single-cue levels");
        var tables = cues.SingleCueLevels.Append(cues.CombinedLevel).ToDictionary(l => l, _ => new ChoiceCountTable());
        foreach (var t in trials)
            if (t.Outcome.Choice is int choice && t.Conditions.String(cues.Column) is string level1 && tables.TryGetValue(level1, out var table)
                && TaskAxes.Evidence(e, t.Conditions) is double x && (caps.CatchColumn is not { } c || t.Conditions.Bool(c) != true))
                table.Add(x, choice == e.PositiveChoice);
        var options = new PsychometricOptions { BootstrapResamples = resamples, ConfidenceLevel = level };
        try
        {
            var fits = tables.ToDictionary(kv => kv.Key, kv => PsychometricAnalysis.FitWithBootstrap(kv.Value.ToCounts(), options, rng.Derive(kv.Key)));
            var (a, b, combined) = (fits[cues.SingleCueLevels[0]], fits[cues.SingleCueLevels[1]], fits[cues.CombinedLevel]);
            static double Optimal(double s1, double s2) => 1 / Math.Sqrt(1 / (s1 * s1) + 1 / (s2 * s2));
            double Ratio(double sc, double s1, double s2) => sc / (againstOptimal ? Optimal(s1, s2) : Math.Min(s1, s2));
            double value = Ratio(combined.Fit.Sigma.Value, a.Fit.Sigma.Value, b.Fit.Sigma.Value);
            var samples = Enumerable.Range(0, resamples).Select(r => Ratio(combined.Sigma[r], a.Sigma[r], b.Sigma[r])).ToArray();
            var (lo, hi) = PercentileInterval.Of(samples, level);
            return Measurement.Of(new Estimate(value, lo, hi),
                $"σ {cues.SingleCueLevels[0]} {a.Fit.Sigma.Value:G3}, {cues.SingleCueLevels[1]} {b.Fit.Sigma.Value:G3}, {cues.CombinedLevel} {combined.Fit.Sigma.Value:G3}, " +
                $"optimal {Optimal(a.Fit.Sigma.Value, b.Fit.Sigma.Value):G3}");
        }
        catch (Core.Errors.AnalysisException ex) { return Measurement.Unavailable($"no psychometric fit: {ex.Message}"); }
    }
}
