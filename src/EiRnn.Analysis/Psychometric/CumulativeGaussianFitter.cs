using EiRnn.Analysis.Statistics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EiRnn.Analysis.Psychometric;

/// <summary>
/// Fits <see cref="CumulativeGaussian"/> to per-condition counts with MathNet optimisers. Both estimators are
/// bounded so that perfectly separated data (common in small bootstrap resamples of steep curves) end at a
/// finite σ instead of diverging: μ within the stimulus range widened by one range on each side, σ in
/// [1e-3, 10] stimulus ranges.
/// </summary>
internal static class CumulativeGaussianFitter
{
    public static CumulativeGaussian Fit(IReadOnlyList<ChoiceCount> counts, PsychometricEstimator estimator)
    {
        var used = counts.Where(c => c.Trials > 0).ToArray();
        if (used.Length < 2)
            throw new Core.Errors.AnalysisException($"a psychometric fit needs at least 2 stimulus values with trials, got {used.Length}");
        double[] x = used.Select(c => c.X).ToArray();
        double lo = x.Min(), hi = x.Max(), range = hi - lo;
        // Initial guess from docs/analysis.md#psychometric-function: μ = mean(x), σ = std(x).
        double mean = x.Average();
        double std = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        var bounds = new Bounds(lo - range, hi + range, 1e-3 * range, 10 * range);
        var start = new CumulativeGaussian(mean, Math.Clamp(std, bounds.SigmaMin, bounds.SigmaMax));
        return estimator == PsychometricEstimator.MaximumLikelihood
            ? MaximumLikelihood(used, start, bounds)
            : LeastSquares(used, start, bounds);
    }

    private readonly record struct Bounds(double MuMin, double MuMax, double SigmaMin, double SigmaMax);

    /// <summary>Binomial negative log-likelihood in (μ, ln σ), minimised by bounded BFGS.</summary>
    private static CumulativeGaussian MaximumLikelihood(ChoiceCount[] counts, CumulativeGaussian start, Bounds b)
    {
        (double, Vector<double>) NegLogLikelihood(Vector<double> p)
        {
            double mu = p[0], sigma = Math.Exp(p[1]);
            double f = 0, gMu = 0, gLogSigma = 0;
            foreach (var c in counts)
            {
                double z = (c.X - mu) / sigma;
                int k = c.Positive, fail = c.Trials - c.Positive;
                f -= k * StandardNormal.LogCdf(z) + fail * StandardNormal.LogCdf(-z);
                // d(−ℓ)/dz, then chain rule: dz/dμ = −1/σ, dz/d ln σ = −z.
                double dz = -(k * StandardNormal.InverseMills(z) - fail * StandardNormal.InverseMills(-z));
                gMu -= dz / sigma;
                gLogSigma -= dz * z;
            }
            return (f, Vector<double>.Build.Dense([gMu, gLogSigma]));
        }

        var objective = ObjectiveFunction.Gradient(NegLogLikelihood);
        var lower = Vector<double>.Build.Dense([b.MuMin, Math.Log(b.SigmaMin)]);
        var upper = Vector<double>.Build.Dense([b.MuMax, Math.Log(b.SigmaMax)]);
        var guess = Vector<double>.Build.Dense([start.Mu, Math.Log(start.Sigma)]);
        Vector<double> best;
        try
        {
            best = new BfgsBMinimizer(1e-8, 1e-10, 1e-12, 500).FindMinimum(objective, lower, upper, guess).MinimizingPoint;
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException)
        {
            // Line searches can stall on flat, separated likelihoods; the simplex method does not need gradients.
            var simplex = ObjectiveFunction.Value(p => NegLogLikelihood(Clamp(p, lower, upper)).Item1);
            best = Clamp(NelderMeadSimplex.Minimum(simplex, guess, 1e-10, 2000).MinimizingPoint, lower, upper);
        }
        return new CumulativeGaussian(best[0], Math.Exp(best[1]));
    }

    /// <summary>Σ (p̂ − Φ)² over conditions, minimised by bounded Levenberg–Marquardt.</summary>
    private static CumulativeGaussian LeastSquares(ChoiceCount[] counts, CumulativeGaussian start, Bounds b)
    {
        var xs = Vector<double>.Build.Dense(counts.Select(c => c.X).ToArray());
        var ys = Vector<double>.Build.Dense(counts.Select(c => c.Proportion).ToArray());
        Vector<double> Model(Vector<double> p, Vector<double> x) => x.Map(v => StandardNormal.Cdf((v - p[0]) / p[1]));
        Matrix<double> Jacobian(Vector<double> p, Vector<double> x)
        {
            var j = Matrix<double>.Build.Dense(x.Count, 2);
            for (int i = 0; i < x.Count; i++)
            {
                double z = (x[i] - p[0]) / p[1], phi = StandardNormal.Pdf(z);
                j[i, 0] = -phi / p[1];
                j[i, 1] = -phi * z / p[1];
            }
            return j;
        }
        var model = ObjectiveFunction.NonlinearModel(Model, Jacobian, xs, ys);
        var lower = Vector<double>.Build.Dense([b.MuMin, b.SigmaMin]);
        var upper = Vector<double>.Build.Dense([b.MuMax, b.SigmaMax]);
        var guess = Vector<double>.Build.Dense([start.Mu, start.Sigma]);
        var result = new LevenbergMarquardtMinimizer(maximumIterations: 500)
            .FindMinimum(model, guess, lower, upper);
        return new CumulativeGaussian(result.MinimizingPoint[0], result.MinimizingPoint[1]);
    }

    private static Vector<double> Clamp(Vector<double> p, Vector<double> lo, Vector<double> hi) =>
        Vector<double>.Build.Dense(p.Count, i => Math.Clamp(p[i], lo[i], hi[i]));
}
