using EiRnn.Analysis.Behaviour;

namespace EiRnn.Analysis.Tests.Behaviour;

[TestClass]
public sealed class DurationAccuracyTests
{
    [TestMethod]
    public void EdgesAndCountsMatchAHandComputation()
    {
        // 23 trials with durations 100, 110, ..., 320 ms (given shuffled); 10 bins → sizes 3,3,3,2,2,2,2,2,2,2.
        var durations = Enumerable.Range(0, 23).Select(i => 100.0 + 10 * i).Reverse().ToArray();
        var trials = durations.Select(d => (d, d >= 240)).ToArray();
        var bins = DurationAccuracy.Bin(trials, 10);

        int[] sizes = [3, 3, 3, 2, 2, 2, 2, 2, 2, 2];
        CollectionAssert.AreEqual(sizes, bins.Select(b => b.Trials).ToArray());
        // By hand: bin 0 = {100,110,120}, bin 1 = {130,140,150}, bin 2 = {160,170,180}, bin 3 = {190,200}, ...
        // edges: 100, 125, 155, 185, 205, 225, 245, 265, 285, 305, 320.
        double[] edges = [100, 125, 155, 185, 205, 225, 245, 265, 285, 305, 320];
        for (int b = 0; b < 10; b++)
        {
            Assert.AreEqual(edges[b], bins[b].LowerEdgeMs, 1e-12, $"lower edge of bin {b}");
            Assert.AreEqual(edges[b + 1], bins[b].UpperEdgeMs, 1e-12, $"upper edge of bin {b}");
        }
        Assert.AreEqual((205 + 225) / 2.0, bins[4].CentreMs, 1e-12);
        // Correct iff duration ≥ 240: bin 5 = {230, 240} → 50 %, bin 6 = {250, 260} → 100 %, bin 0 → 0 %.
        Assert.AreEqual(50, bins[5].PercentCorrect, 1e-12);
        Assert.AreEqual(100, bins[6].PercentCorrect, 1e-12);
        Assert.AreEqual(0, bins[0].PercentCorrect, 1e-12);
    }

    [TestMethod]
    public void CurvesGroupByUnsignedCoherenceAndSkipZeroAndUnscored()
    {
        var acc = new DurationAccuracy();
        for (int i = 0; i < 20; i++)
        {
            acc.Add(i % 2 == 0 ? 3.2 : -3.2, 100 + i, true);
            acc.Add(0, 100 + i, null);
            acc.Add(12.8, 100 + i, null);
        }
        var curves = acc.Curves(10);
        Assert.AreEqual(1, curves.Count);
        Assert.AreEqual(3.2, curves[0].Coherence);
        Assert.AreEqual(20, curves[0].Bins.Sum(b => b.Trials));
    }
}
