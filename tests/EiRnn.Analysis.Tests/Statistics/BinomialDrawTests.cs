using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Statistics;

[TestClass]
public sealed class BinomialDrawTests
{
    [TestMethod]
    [DataRow(10, 0.3)]      // inversion path
    [DataRow(5000, 0.37)]   // beta-split path
    [DataRow(100000, 0.9)]  // beta split on the mirrored probability
    public void MeanAndVarianceMatchTheBinomial(int n, double p)
    {
        var rng = new RandomStream(42);
        const int draws = 20000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < draws; i++)
        {
            int k = BinomialDraw.Next(rng, n, p);
            Assert.IsTrue(k >= 0 && k <= n);
            sum += k; sumSq += (double)k * k;
        }
        double mean = sum / draws, variance = sumSq / draws - mean * mean;
        double expectedVar = n * p * (1 - p);
        // Standard error of the sample mean is sqrt(var/draws); of the sample variance ≈ var·sqrt(2/draws).
        Assert.AreEqual(n * p, mean, 5 * Math.Sqrt(expectedVar / draws));
        Assert.AreEqual(expectedVar, variance, 5 * expectedVar * Math.Sqrt(2.0 / draws));
    }

    [TestMethod]
    public void PercentileIntervalInterpolatesOrderStatistics()
    {
        double[] samples = Enumerable.Range(0, 101).Select(i => (double)(100 - i)).ToArray(); // 100..0
        var (lo, hi) = PercentileInterval.Of(samples, 0.95);
        Assert.AreEqual(2.5, lo, 1e-12);
        Assert.AreEqual(97.5, hi, 1e-12);
    }
}
