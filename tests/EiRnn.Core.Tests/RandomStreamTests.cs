using EiRnn.Core.Random;

namespace EiRnn.Core.Tests;

[TestClass]
public sealed class RandomStreamTests
{
    [TestMethod]
    public void SameSeedSameSequenceDifferentSeedDifferent()
    {
        var a = new RandomStream(42); var b = new RandomStream(42); var c = new RandomStream(43);
        var sa = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        var sb = Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ToArray();
        var sc = Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ToArray();
        CollectionAssert.AreEqual(sa, sb);
        Assert.IsFalse(sa.SequenceEqual(sc));
    }

    [TestMethod]
    public void NamedStreamsAreIndependentAndStable()
    {
        var w1 = RandomStream.Derive(7, "init/w_rec"); var w2 = RandomStream.Derive(7, "init/w_rec");
        var n = RandomStream.Derive(7, "noise");
        Assert.AreEqual(w1.NextUInt64(), w2.NextUInt64());
        Assert.AreNotEqual(RandomStream.Derive(7, "init/w_rec").NextUInt64(), n.NextUInt64());
        // The name hash must not depend on the process (string.GetHashCode is randomised per process).
        Assert.AreEqual(RandomStream.MixSeed(1, "abc"), RandomStream.MixSeed(1, "abc"));
    }

    [TestMethod]
    public void CaptureRestoreResumesExactly()
    {
        var a = new RandomStream(3);
        a.NextNormal(); // leaves a spare normal cached
        var state = a.Capture();
        var expected = Enumerable.Range(0, 10).Select(_ => a.NextNormal()).ToArray();
        var b = RandomStream.FromState(state);
        CollectionAssert.AreEqual(expected, Enumerable.Range(0, 10).Select(_ => b.NextNormal()).ToArray());
    }

    [TestMethod]
    public void NormalMomentsMatchWithinSamplingError()
    {
        var r = new RandomStream(11);
        const int n = 400_000;
        double s = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < n; i++) { double x = r.NextNormal(); s += x; s2 += x * x; s4 += x * x * x * x; }
        double mean = s / n, var = s2 / n - mean * mean;
        // Standard errors: mean 1/sqrt(n), variance sqrt(2/n); allow 5 standard errors.
        Assert.AreEqual(0, mean, 5 / Math.Sqrt(n));
        Assert.AreEqual(1, var, 5 * Math.Sqrt(2.0 / n));
        Assert.AreEqual(3, s4 / n, 5 * Math.Sqrt(96.0 / n)); // kurtosis of N(0,1); Var(x^4) = 105 - 9
    }

    [TestMethod]
    public void GammaHasShapeTimesScaleMeanAndVariance()
    {
        var r = new RandomStream(5);
        const int n = 200_000; const double k = 2, theta = 0.05;
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) { double x = r.Gamma(k, theta); s += x; s2 += x * x; }
        double mean = s / n, var = s2 / n - mean * mean;
        double trueVar = k * theta * theta;
        Assert.AreEqual(k * theta, mean, 5 * Math.Sqrt(trueVar / n));
        Assert.AreEqual(trueVar, var, 0.02 * trueVar);
    }

    [TestMethod]
    public void NextIntIsUniformOverSmallRange()
    {
        var r = new RandomStream(9);
        var counts = new int[7];
        const int n = 70_000;
        for (int i = 0; i < n; i++) counts[r.NextInt(7)]++;
        // Chi-square with 6 d.o.f.: the 99.9% quantile is 22.46.
        double chi2 = counts.Sum(c => Math.Pow(c - n / 7.0, 2) / (n / 7.0));
        Assert.IsLessThan(22.46, chi2);
    }
}
