using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Selectivity;

[TestClass]
public sealed class SelectivityTests
{
    [TestMethod]
    public void DPrimeOfSmallGroupsMatchesHandComputation()
    {
        // Unit 0: A = {1, 2, 3} (mean 2, pop. var 2/3), B = {0, 0, 3} (mean 1, pop. var 2) → d′ = 1/sqrt(4/3).
        // Unit 1: constant 5 in both groups → 0.
        var acc = new SelectivityAccumulator(2);
        foreach (double a in new[] { 1.0, 2, 3 }) acc.Add([a, 5], groupA: true);
        foreach (double b in new[] { 0.0, 0, 3 }) acc.Add([b, 5], groupA: false);
        var r = acc.ToResult();
        Assert.AreEqual(1 / Math.Sqrt(4.0 / 3), r.DPrime[0], 1e-12);
        Assert.AreEqual(0, r.DPrime[1]);
        Assert.AreEqual((3, 3), (r.TrialsA, r.TrialsB));
    }

    [TestMethod]
    public void AddTrialSumsRatesOverTheWindow()
    {
        // Two units, 4 samples time-major; window = samples 1..2. Unit sums: A: (2+3, 20+30), B: (1+1, 10+10).
        var acc = new SelectivityAccumulator(2);
        acc.AddTrial(new float[] { 9, 90, 2, 20, 3, 30, 9, 90 }, new SampleWindow(1, 3), true);
        acc.AddTrial(new float[] { 9, 90, 2, 20, 4, 40, 9, 90 }, new SampleWindow(1, 3), true);   // sums 6, 60
        acc.AddTrial(new float[] { 0, 0, 1, 10, 1, 10, 0, 0 }, new SampleWindow(1, 3), false);    // sums 2, 20
        acc.AddTrial(new float[] { 0, 0, 1, 10, 2, 10, 0, 0 }, new SampleWindow(1, 3), false);    // sums 3, 20
        var r = acc.ToResult();
        // Unit 0: A {5, 6} mean 5.5 var .25; B {2, 3} mean 2.5 var .25 → d′ = 3/0.5 = 6.
        Assert.AreEqual(6, r.DPrime[0], 1e-12);
        // Unit 1: A {50, 60} var 25; B {20, 20} var 0 → 35/sqrt(12.5).
        Assert.AreEqual(35 / Math.Sqrt(12.5), r.DPrime[1], 1e-12);
    }

    [TestMethod]
    public void DPrimeOfTwoKnownGaussiansWithinStandardError()
    {
        const int n = 20000;
        const double m1 = 1, s1 = 2, m2 = 0, s2 = 1;
        var rng = new RandomStream(77);
        var acc = new SelectivityAccumulator(1);
        for (int i = 0; i < n; i++)
        {
            acc.Add([rng.Normal(m1, s1)], true);
            acc.Add([rng.Normal(m2, s2)], false);
        }
        double s = Math.Sqrt((s1 * s1 + s2 * s2) / 2), d = (m1 - m2) / s;
        // Delta-method variance of d′ from the variances of the means (σ²/n) and of the variances (2σ⁴/n).
        double var = (s1 * s1 + s2 * s2) / (n * s * s) + d * d / (16 * Math.Pow(s, 4)) * (2 * Math.Pow(s1, 4) + 2 * Math.Pow(s2, 4)) / n;
        Assert.AreEqual(d, acc.ToResult().DPrime[0], 4 * Math.Sqrt(var));
    }

    [TestMethod]
    public void SortedConnectivityKeepsTopQuarterPerTypeOrderedByDPrime()
    {
        // N = 10 Dale: E = 0..7, I = 8..9. fraction 0.5 → 4 E and 1 I.
        var spec = TestNetworks.Spec(10, 1, 1, dale: true);
        double[] d = [0.1, -3, 2, 0.5, -0.2, 1, -1.5, 0, 0.3, -0.9];
        float[] wRec = new float[100];
        for (int i = 0; i < 10; i++) for (int j = 0; j < 10; j++) wRec[i * 10 + j] = (j < 8 ? 1 : -1) * (10 * i + j);
        float[] wIn = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        float[] wOut = Enumerable.Range(0, 10).Select(i => 100f + i).ToArray();
        var w = TestNetworks.Weights(spec, wRec, wIn, wOut: wOut);
        var sorted = SelectivitySortedConnectivity.Build(spec, w, d, fraction: 0.5);

        // By |d′| among E: 1 (3), 2 (2), 6 (1.5), 5 (1) → ordered by d′: 2, 5, 6, 1. Among I: 9 (0.9).
        CollectionAssert.AreEqual(new[] { 2, 5, 6, 1, 9 }, sorted.Units.ToArray());
        Assert.AreEqual((4, 1), (sorted.ExcitatoryShown, sorted.InhibitoryShown));
        Assert.AreEqual(-(10 * 5 + 9), sorted.WRec[1, 4]);   // from unit 9 (I) to unit 5
        Assert.AreEqual(10 * 1 + 2, sorted.WRec[3, 0]);      // from unit 2 to unit 1
        Assert.AreEqual(6, sorted.WIn[2, 0]);
        Assert.AreEqual(109, sorted.WOut[0, 4]);
    }

    [TestMethod]
    public void NonDaleSortsAllUnitsTogether()
    {
        var spec = TestNetworks.Spec(4, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, new float[16], new float[4]);
        var sorted = SelectivitySortedConnectivity.Build(spec, w, [0.1, -2, 1, double.NaN], fraction: 0.5);
        CollectionAssert.AreEqual(new[] { 2, 1 }, sorted.Units.ToArray());
    }
}
