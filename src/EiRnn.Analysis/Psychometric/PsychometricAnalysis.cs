using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Psychometric;

/// <summary>A fitted psychometric curve with percentile-bootstrap intervals for μ and σ.</summary>
public sealed record PsychometricFit(
    IReadOnlyList<ChoiceCount> Points,
    PsychometricEstimator Estimator,
    Estimate Mu,
    Estimate Sigma,
    int BootstrapResamples,
    double ConfidenceLevel)
{
    public CumulativeGaussian Curve => new(Mu.Value, Sigma.Value);
}

/// <summary>Psychometric function fit of docs/analysis.md#psychometric-function.</summary>
public static class PsychometricAnalysis
{
    /// <summary>
    /// Fits Φ((x − μ)/σ) to the counts and bootstraps by resampling trials within each condition (a positive
    /// count drawn from Binomial(n, k/n) per condition), <paramref name="rng"/> supplying every draw.
    /// </summary>
    public static PsychometricFit Fit(IReadOnlyList<ChoiceCount> counts, PsychometricOptions options, RandomStream rng) =>
        FitWithBootstrap(counts, options, rng).Fit;

    /// <summary>The fit and its bootstrap distribution (for derived quantities such as differences and ratios).</summary>
    internal static (PsychometricFit Fit, double[] Mu, double[] Sigma) FitWithBootstrap(
        IReadOnlyList<ChoiceCount> counts, PsychometricOptions options, RandomStream rng)
    {
        options.Validated();
        var point = CumulativeGaussianFitter.Fit(counts, options.Estimator);
        var (mus, sigmas) = Bootstrap(counts, options, rng);
        var fit = new PsychometricFit(counts.ToArray(), options.Estimator,
            WithInterval(point.Mu, mus, options.ConfidenceLevel),
            WithInterval(point.Sigma, sigmas, options.ConfidenceLevel),
            options.BootstrapResamples, options.ConfidenceLevel);
        return (fit, mus, sigmas);
    }

    /// <summary>The bootstrap distribution of (μ, σ); used also for paired perturbation contrasts.</summary>
    internal static (double[] Mu, double[] Sigma) Bootstrap(IReadOnlyList<ChoiceCount> counts, PsychometricOptions options, RandomStream rng)
    {
        int b = options.BootstrapResamples;
        var mus = new double[b];
        var sigmas = new double[b];
        var resampled = new ChoiceCount[counts.Count];
        for (int r = 0; r < b; r++)
        {
            for (int i = 0; i < counts.Count; i++)
            {
                var c = counts[i];
                resampled[i] = c with { Positive = BinomialDraw.Next(rng, c.Trials, c.Proportion) };
            }
            var fit = CumulativeGaussianFitter.Fit(resampled, options.Estimator);
            (mus[r], sigmas[r]) = (fit.Mu, fit.Sigma);
        }
        return (mus, sigmas);
    }

    internal static Estimate WithInterval(double value, double[] samples, double level)
    {
        if (samples.Length == 0) return new Estimate(value, double.NaN, double.NaN);
        var (lo, hi) = PercentileInterval.Of((double[])samples.Clone(), level);
        return new Estimate(value, lo, hi);
    }
}
