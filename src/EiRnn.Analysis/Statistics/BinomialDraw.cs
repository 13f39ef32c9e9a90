using EiRnn.Core.Random;

namespace EiRnn.Analysis.Statistics;

/// <summary>
/// Exact Binomial(n, p) samples from a <see cref="RandomStream"/>. Resampling n trials with replacement from
/// a condition with k positive outcomes gives a positive count distributed exactly as Binomial(n, k/n), so
/// bootstraps can run on per-condition counts instead of stored trials.
/// </summary>
internal static class BinomialDraw
{
    /// <summary>Below this n·min(p, 1−p) the sequential inversion is cheap; above it, the beta split is used.</summary>
    private const double InversionLimit = 20;

    public static int Next(RandomStream rng, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (p <= 0 || n == 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Next(rng, n, 1 - p);
        if (n * p < InversionLimit) return Inversion(rng, n, p);
        // Beta split (Knuth, TAOCP 3.4.1): the a-th smallest of n uniforms is X ~ Beta(a, n+1−a); the count
        // below p is then a−1 plus (or minus) a binomial on the side of X that holds p. O(log n) draws.
        int a = 1 + n / 2, b = n + 1 - a;
        double ga = rng.Gamma(a, 1), gb = rng.Gamma(b, 1);
        double x = ga / (ga + gb);
        return x >= p ? Next(rng, a - 1, p / x) : a + Next(rng, b - 1, (p - x) / (1 - x));
    }

    /// <summary>Walks the CDF from 0 upwards; expected cost O(n·p).</summary>
    private static int Inversion(RandomStream rng, int n, double p)
    {
        double q = 1 - p, ratio = p / q;
        double prob = Math.Pow(q, n), cdf = prob, u = rng.NextDouble();
        int k = 0;
        while (u > cdf && k < n)
        {
            prob *= ratio * (n - k) / (k + 1);
            k++;
            cdf += prob;
        }
        return k;
    }
}
