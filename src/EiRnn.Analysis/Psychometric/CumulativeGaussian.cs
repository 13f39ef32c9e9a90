using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Psychometric;

/// <summary>P(x) = Φ((x − μ)/σ): μ is the bias (point of subjective equality), σ the threshold (docs/analysis.md#psychometric-function).</summary>
public readonly record struct CumulativeGaussian(double Mu, double Sigma)
{
    public double P(double x) => StandardNormal.Cdf((x - Mu) / Sigma);
}

/// <summary>How the cumulative Gaussian is fitted (docs/analysis.md#psychometric-function).</summary>
public enum PsychometricEstimator
{
    /// <summary>Binomial maximum likelihood on the binary choices (default [OURS]).</summary>
    MaximumLikelihood,
    /// <summary>Unweighted non-linear least squares on the per-condition proportions (the pycog fit).</summary>
    LeastSquares,
}

/// <summary>Options of <see cref="PsychometricAnalysis"/>; validated at construction time by <see cref="Validated"/>.</summary>
public sealed record PsychometricOptions
{
    public PsychometricEstimator Estimator { get; init; } = PsychometricEstimator.MaximumLikelihood;
    public int BootstrapResamples { get; init; } = 1000;
    public double ConfidenceLevel { get; init; } = 0.95;

    public PsychometricOptions Validated()
    {
        if (BootstrapResamples < 0 || BootstrapResamples > 1_000_000)
            throw new Core.Errors.ConfigException("bootstrap_resamples", $"must be in [0, 1000000], got {BootstrapResamples}");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new Core.Errors.ConfigException("confidence_level", $"must be in (0, 1), got {ConfidenceLevel}");
        return this;
    }
}
