using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Psychometric;

[TestClass]
public sealed class PsychometricFitTests
{
    private static readonly double[] SignedCoherence = [-51.2, -25.6, -12.8, -6.4, -3.2, 0, 3.2, 6.4, 12.8, 25.6, 51.2];

    /// <summary>Choices drawn trial by trial (Bernoulli) from a known cumulative Gaussian.</summary>
    private static IReadOnlyList<ChoiceCount> Simulate(double mu, double sigma, int perCondition, ulong seed)
    {
        var rng = new RandomStream(seed);
        var table = new ChoiceCountTable();
        foreach (double x in SignedCoherence)
        {
            double p = MathNet.Numerics.Distributions.Normal.CDF(mu, sigma, x);
            for (int n = 0; n < perCondition; n++) table.Add(x, rng.NextDouble() < p);
        }
        return table.ToCounts();
    }

    /// <summary>Standard errors of (μ, σ) from the Fisher information of the probit model, computed independently.</summary>
    private static (double SeMu, double SeSigma) FisherStandardErrors(double mu, double sigma, int perCondition)
    {
        double a = 0, b = 0, c = 0; // information matrix [[a, b], [b, c]] for (μ, σ)
        foreach (double x in SignedCoherence)
        {
            double z = (x - mu) / sigma;
            double p = MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);
            double phi = MathNet.Numerics.Distributions.Normal.PDF(0, 1, z);
            double w = perCondition * phi * phi / (p * (1 - p));
            double dMu = -1 / sigma, dSigma = -z / sigma;
            a += w * dMu * dMu; b += w * dMu * dSigma; c += w * dSigma * dSigma;
        }
        double det = a * c - b * b;
        return (Math.Sqrt(c / det), Math.Sqrt(a / det));
    }

    [TestMethod]
    public void MaximumLikelihoodRecoversKnownCurveInsideBootstrapInterval()
    {
        const double mu = 2.0, sigma = 15.0;
        var counts = Simulate(mu, sigma, 400, seed: 11);
        var fit = PsychometricAnalysis.Fit(counts, new PsychometricOptions(), RandomStream.Derive(5, "bootstrap"));

        Assert.IsTrue(fit.Mu.Contains(mu), $"μ CI {fit.Mu} misses {mu}");
        Assert.IsTrue(fit.Sigma.Contains(sigma), $"σ CI {fit.Sigma} misses {sigma}");
        // The 95 % interval should be about 2·1.96 Fisher standard errors wide (not absurdly wide or narrow).
        var (seMu, seSigma) = FisherStandardErrors(mu, sigma, 400);
        Assert.AreEqual(3.92 * seMu, fit.Mu.Width, 0.3 * 3.92 * seMu, $"μ CI width {fit.Mu.Width}");
        Assert.AreEqual(3.92 * seSigma, fit.Sigma.Width, 0.3 * 3.92 * seSigma, $"σ CI width {fit.Sigma.Width}");
        Assert.AreEqual(mu, fit.Mu.Value, 3 * seMu);
        Assert.AreEqual(sigma, fit.Sigma.Value, 3 * seSigma);
    }

    [TestMethod]
    public void LeastSquaresOptionIsCloseToTheTruth()
    {
        const double mu = -4.0, sigma = 10.0;
        var counts = Simulate(mu, sigma, 2000, seed: 12);
        var options = new PsychometricOptions { Estimator = PsychometricEstimator.LeastSquares, BootstrapResamples = 200 };
        var fit = PsychometricAnalysis.Fit(counts, options, RandomStream.Derive(6, "bootstrap"));
        var (seMu, seSigma) = FisherStandardErrors(mu, sigma, 2000);
        Assert.AreEqual(mu, fit.Mu.Value, 4 * seMu);
        Assert.AreEqual(sigma, fit.Sigma.Value, 4 * seSigma);
        Assert.IsTrue(fit.Mu.Contains(mu) && fit.Sigma.Contains(sigma), $"{fit.Mu} {fit.Sigma}");
    }

    [TestMethod]
    public void ExactProportionsAreFittedExactlyByBothEstimators()
    {
        // Proportions that lie exactly on Φ((x − 3)/12) with huge n: both estimators must return (3, 12).
        var truth = new CumulativeGaussian(3, 12);
        var counts = SignedCoherence.Select(x => new ChoiceCount(x, 1_000_000, (int)Math.Round(1_000_000 * truth.P(x)))).ToArray();
        foreach (var estimator in Enum.GetValues<PsychometricEstimator>())
        {
            var fit = PsychometricAnalysis.Fit(counts, new PsychometricOptions { Estimator = estimator, BootstrapResamples = 0 }, new RandomStream(1));
            Assert.AreEqual(3, fit.Mu.Value, 1e-3, estimator.ToString());
            Assert.AreEqual(12, fit.Sigma.Value, 1e-3, estimator.ToString());
        }
    }

    [TestMethod]
    public void BootstrapIsReproducibleForASeed()
    {
        var counts = Simulate(0, 10, 50, seed: 3);
        var a = PsychometricAnalysis.Fit(counts, new PsychometricOptions { BootstrapResamples = 100 }, new RandomStream(9));
        var b = PsychometricAnalysis.Fit(counts, new PsychometricOptions { BootstrapResamples = 100 }, new RandomStream(9));
        Assert.AreEqual(a.Mu, b.Mu);
        Assert.AreEqual(a.Sigma, b.Sigma);
    }

    [TestMethod]
    public void TooFewConditionsIsAnAnalysisError()
    {
        Assert.ThrowsExactly<Core.Errors.AnalysisException>(() =>
            PsychometricAnalysis.Fit([new ChoiceCount(1, 10, 5)], new PsychometricOptions(), new RandomStream(1)));
    }
}
