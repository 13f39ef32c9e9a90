using EiRnn.Simulation.Noise;

namespace EiRnn.Simulation.Tests;

/// <summary>Distribution and determinism of the counter-based generator, with tolerances from the sample size.</summary>
[TestClass]
public sealed class CounterNormalsTests
{
    private const int Count = 1 << 20;

    private static float[] Sample(ulong key, long start = 0, int count = Count)
    {
        var x = new float[count];
        CounterNormals.Fill(key, start, x);
        return x;
    }

    [TestMethod]
    public void ValuesAreADoublePrecisionBoxMullerOfTheDocumentedHashes()
    {
        // A second implementation from the documented construction, in float64 with the library's log/sin/cos:
        // SplitMix64 finaliser of key + (16q + l + 1)γ, radius field h >> 40, angle field h mod 2^24 split into
        // a quadrant (top 2 bits) and ψ uniform in [−π/4, π/4).
        const ulong key = 0xDEADBEEF12345UL, gamma = 0x9E3779B97F4A7C15UL;
        var x = Sample(key, 0, 32 * 2000);
        double worst = 0;
        for (int q = 0; q < 2000; q++)
            for (int l = 0; l < 16; l++)
            {
                ulong z = unchecked(key + ((ulong)(16 * q + l) + 1) * gamma);
                z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
                z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
                z ^= z >> 31;
                double u1 = ((z >> 40) + 1) / 16777216.0;
                ulong angle = z & 0xFFFFFF;
                double theta = (angle >> 22) * Math.PI / 2 + ((angle & 0x3FFFFF) / 4194304.0 - 0.5) * Math.PI / 2;
                double rho = Math.Sqrt(-2 * Math.Log(u1));
                worst = Math.Max(worst, Math.Abs(x[32 * q + l] - rho * Math.Cos(theta)) / (1 + rho));
                worst = Math.Max(worst, Math.Abs(x[32 * q + 16 + l] - rho * Math.Sin(theta)) / (1 + rho));
            }
        Assert.IsLessThan(2e-6, worst, "float32 kernel vs float64 Box–Muller, relative to 1 + ρ");
    }

    [TestMethod]
    public void BothVectorWidthsGiveTheSameBits()
    {
        // The 512-bit kernel runs (emulated if need be) on any machine, so both paths are always compared.
        foreach (var (start, count) in new[] { (0L, 4096), (77L, 1001), (5_000_000_003L, 333) })
        {
            var wide = new float[count];
            var narrow = new float[count];
            CounterNormals.Fill(99, start, wide, wide: true);
            CounterNormals.Fill(99, start, narrow, wide: false);
            CollectionAssert.AreEqual(wide, narrow, $"elements [{start}, {start + count})");
        }
    }

    [TestMethod]
    public void MomentsAreThoseOfAStandardNormal()
    {
        var x = Sample(42);
        double n = x.Length, mean = x.Average(v => (double)v);
        double var = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double kurt = x.Sum(v => Math.Pow(v - mean, 4)) / n / (var * var);
        // Five standard errors: SE(mean) = 1/sqrt(n), SE(var) = sqrt(2/n), SE(kurtosis) = sqrt(24/n).
        Assert.AreEqual(0, mean, 5 / Math.Sqrt(n), "mean");
        Assert.AreEqual(1, var, 5 * Math.Sqrt(2 / n), "variance");
        Assert.AreEqual(3, kurt, 5 * Math.Sqrt(24 / n), "kurtosis");
    }

    [TestMethod]
    public void KolmogorovSmirnovAgainstTheNormalCdf()
    {
        var x = Sample(7);
        Array.Sort(x);
        double d = 0, n = x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            double f = Phi(x[i]);
            d = Math.Max(d, Math.Max((i + 1) / n - f, f - i / n));
        }
        // Critical value at α = 0.001: 1.95 / sqrt(n).
        Assert.IsTrue(d < 1.95 / Math.Sqrt(n), $"KS D = {d:G3}, limit {1.95 / Math.Sqrt(n):G3}");
    }

    [TestMethod]
    public void TailFractionsMatch()
    {
        var x = Sample(99);
        double n = x.Length;
        foreach (double z in new[] { 1.0, 2.0, 3.0 })
        {
            double p = 2 * (1 - Phi(z)), observed = x.Count(v => Math.Abs(v) > z) / n;
            Assert.AreEqual(p, observed, 5 * Math.Sqrt(p * (1 - p) / n), $"P(|x| > {z})");
        }
    }

    [TestMethod]
    public void NeighboursAndBoxMullerPartnersAreUncorrelated()
    {
        var x = Sample(3);
        double lag1 = 0, partner = 0, n = x.Length;
        for (int i = 0; i + 1 < x.Length; i++) lag1 += x[i] * x[i + 1];
        int pairs = 0;
        for (int b = 0; b < x.Length; b += CounterNormals.BlockLength)
            for (int l = 0; l < 16; l++) { partner += x[b + l] * x[b + 16 + l]; pairs++; }
        Assert.AreEqual(0, lag1 / n, 5 / Math.Sqrt(n), "lag-1 correlation");
        Assert.AreEqual(0, partner / pairs, 5 / Math.Sqrt(pairs), "cos/sin partner correlation");
        var y = Sample(4);
        Assert.AreEqual(0, x.Zip(y).Sum(p => (double)p.First * p.Second) / n, 5 / Math.Sqrt(n), "two keys");
    }

    [TestMethod]
    public void AnySliceEqualsTheSameRangeOfTheWholeStream()
    {
        var whole = Sample(1234, 0, 1000);
        int[] cuts = [0, 1, 5, 31, 32, 33, 64, 97, 500, 999, 1000];
        for (int a = 0; a + 1 < cuts.Length; a++)
        {
            var part = Sample(1234, cuts[a], cuts[a + 1] - cuts[a]);
            CollectionAssert.AreEqual(whole[cuts[a]..cuts[a + 1]], part, $"slice [{cuts[a]}, {cuts[a + 1]})");
        }
        CollectionAssert.AreEqual(whole, Sample(1234, 0, 1000), "same key, same numbers");
        CollectionAssert.AreNotEqual(whole, Sample(1235, 0, 1000), "another key, other numbers");
        CollectionAssert.AreEqual(Sample(1234, 10_000_000_123, 50), Sample(1234, 10_000_000_123, 50), "far offsets");
    }

    [TestMethod]
    public void TrialKeysDependOnSeedAndTrialOnly()
    {
        Assert.AreEqual(TrialNoiseKeys.For(5, 17), TrialNoiseKeys.For(5, 17));
        Assert.AreNotEqual(TrialNoiseKeys.For(5, 17).TrialSeed, TrialNoiseKeys.For(5, 18).TrialSeed);
        Assert.AreNotEqual(TrialNoiseKeys.For(5, 17).TrialSeed, TrialNoiseKeys.For(6, 17).TrialSeed);
        var k = TrialNoiseKeys.For(5, 17);
        Assert.AreNotEqual(k.InputKey, k.RecurrentKey);
    }

    /// <summary>Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, |error| &lt; 1.2e-7).</summary>
    private static double Phi(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
