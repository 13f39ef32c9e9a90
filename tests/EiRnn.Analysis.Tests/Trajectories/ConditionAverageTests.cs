using EiRnn.Analysis.Trajectories;

namespace EiRnn.Analysis.Tests.Trajectories;

[TestClass]
public sealed class ConditionAverageTests
{
    /// <summary>Trial rates [T_save × units] with unit u at sample k equal to value(k, u).</summary>
    private static float[] Rates(int samples, int units, Func<int, int, double> value)
    {
        var r = new float[samples * units];
        for (int k = 0; k < samples; k++)
            for (int u = 0; u < units; u++) r[k * units + u] = (float)value(k, u);
        return r;
    }

    [TestMethod]
    public void OnsetAlignmentAveragesTheTrialsStillInTheirWindow()
    {
        // Two trials of condition "A" (2 units, 6 samples at 10 ms): trial 1 window [1, 5), rates 10·k + u; trial 2
        // window [2, 4), rates 100 + k. By hand, offsets 0..3 hold samples (1, 2), (2, 3), (3, —), (4, —):
        //   unit 0: (10 + 102)/2 = 56, (20 + 103)/2 = 61.5, 30, 40.
        var acc = new ConditionAverageAccumulator(2, 6, 10, TrajectoryAlignment.Onset);
        acc.Add("A", 0, 1, Rates(6, 2, (k, u) => 10 * k + u), 1, 5);
        acc.Add("A", 0, 1, Rates(6, 2, (k, u) => 100 + k), 2, 4);
        acc.Add("B", 0, -1, Rates(6, 2, (k, u) => 7), 0, 6);

        var all = acc.ToResult(minFraction: 0.5);   // offsets reached by ≥ 1 of A's 2 trials
        CollectionAssert.AreEqual(new[] { "B", "A" }, all.Select(a => a.Condition).ToArray(), "ordered by value within a group");
        var a = all[1];
        CollectionAssert.AreEqual(new[] { 0.0, 10, 20, 30 }, a.OffsetMs.ToArray());
        CollectionAssert.AreEqual(new[] { 2, 2, 1, 1 }, a.Trials.ToArray());
        CollectionAssert.AreEqual(new[] { 56.0, 61.5, 30, 40 }, Enumerable.Range(0, 4).Select(t => a.Rates[t * 2]).ToArray());
        Assert.AreEqual((21 + 103) / 2.0, a.Rates[1 * 2 + 1]);
        Assert.AreEqual(2, acc.ToResult(minFraction: 1).Single(c => c.Condition == "A").Samples, "only offsets both trials reach");
    }

    [TestMethod]
    public void EndAlignmentCountsBackFromTheLastSample()
    {
        // Same trials aligned to their windows' last samples (4 and 3): offsets 0, −1, −2, −3 hold samples
        // (4, 3), (3, 2), (2, —), (1, —); returned in time order (−30 ms first).
        var acc = new ConditionAverageAccumulator(2, 6, 10, TrajectoryAlignment.End);
        acc.Add("A", 0, 1, Rates(6, 2, (k, u) => 10 * k + u), 1, 5);
        acc.Add("A", 0, 1, Rates(6, 2, (k, u) => 100 + k), 2, 4);
        var a = acc.ToResult(minFraction: 0.5).Single();
        CollectionAssert.AreEqual(new[] { -30.0, -20, -10, 0 }, a.OffsetMs.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 1, 2, 2 }, a.Trials.ToArray());
        CollectionAssert.AreEqual(new[] { 10.0, 20, (30 + 102) / 2.0, (40 + 103) / 2.0 }, Enumerable.Range(0, 4).Select(t => a.Rates[t * 2]).ToArray());
    }

    [TestMethod]
    public void PcaOfConditionAveragesHasTheKnownCorrelationSpectrum()
    {
        // Over the pooled samples of two conditions (4 samples each), s1 = (1, −1, 1, −1 | 1, −1, 1, −1) and
        // s2 = (1, 1, −1, −1 | −1, −1, 1, 1) have zero mean, unit variance and zero correlation. Units: u0 = s1,
        // u1 = 2·s1 + 5 (the same signal, rescaled: standardisation removes it), u2 = s2. Correlation matrix
        // [[1, 1, 0], [1, 1, 0], [0, 0, 1]]: eigenvalues 2, 1, 0 → fractions 2/3, 1/3, 0; PC1 = (1, 1, 0)/√2, so a
        // sample's PC1 score is (s1 + s1)/√2 = √2·s1. Each condition gets two trials at mean ± 0.3, which average out.
        double[][] s1 = [[1, -1, 1, -1], [1, -1, 1, -1]], s2 = [[1, 1, -1, -1], [-1, -1, 1, 1]];
        var acc = new ConditionAverageAccumulator(3, 4, 20, TrajectoryAlignment.Onset);
        for (int c = 0; c < 2; c++)
            foreach (double d in new[] { -0.3, 0.3 })
                acc.Add($"c{c}", 0, c, Rates(4, 3, (k, u) => (u == 0 ? s1[c][k] : u == 1 ? 2 * s1[c][k] + 5 : s2[c][k]) + d), 0, 4);
        var averages = acc.ToResult();
        var pca = TrajectoryPcaAnalysis.Compute(averages, projectOn: 2);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, pca.ActiveUnits.ToArray());
        Assert.AreEqual(2, pca.Eigenvalues[0], 1e-9);
        Assert.AreEqual(1, pca.Eigenvalues[1], 1e-9);
        Assert.AreEqual(0, pca.Eigenvalues[2], 1e-9);
        Assert.AreEqual(2 / 3.0, pca.VarianceFraction[0], 1e-9);
        Assert.AreEqual(1.0, pca.VarianceExplained(2), 1e-9);
        for (int c = 0; c < 2; c++)
            for (int k = 0; k < 4; k++)
            {
                Assert.AreEqual(Math.Sqrt(2) * s1[c][k], pca.Projections[c][k, 0], 1e-6);
                Assert.AreEqual(s2[c][k], pca.Projections[c][k, 1], 1e-6, "PC2 = (0, 0, 1): the score is s2");
            }
    }
}
