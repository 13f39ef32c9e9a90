using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// The percentile bootstrap every claim uses: <c>statistic(null)</c> is the estimate on the data, <c>statistic(rng)</c> one resample
/// drawn from <c>rng</c> (a seeded stream named after the claim, docs/reproduce.md#confidence-intervals).
/// </summary>
internal static class ClaimBootstrap
{
    public static Estimate Of(Func<RandomStream?, double> statistic, int resamples, double level, RandomStream rng)
    {
        double value = statistic(null);
        var samples = new double[resamples];
        for (int b = 0; b < resamples; b++) samples[b] = statistic(rng);
        var (lo, hi) = PercentileInterval.Of(samples, level);
        return new Estimate(value, lo, hi);
    }

    /// <summary>Indices 0..n−1 as they are (no stream) or drawn with replacement.</summary>
    public static int[] Indices(int n, RandomStream? rng)
    {
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = rng is null ? i : rng.NextInt(n);
        return idx;
    }

    /// <summary>k of n as a proportion, or a binomial resample of it (resampling the n trials).</summary>
    public static double Proportion(int k, int n, RandomStream? rng) =>
        n == 0 ? double.NaN : (rng is null ? k : BinomialDraw.Next(rng, n, (double)k / n)) / (double)n;
}
