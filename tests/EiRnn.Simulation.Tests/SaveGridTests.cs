using EiRnn.Core.Errors;
using EiRnn.Simulation.Running;

namespace EiRnn.Simulation.Tests;

[TestClass]
public sealed class SaveGridTests
{
    [TestMethod]
    public void HandComputedGrids()
    {
        // dt 0.5, dt_save 2: stride 4; T = 10 samples at 0.5..5 ms keep k = 3 (2 ms) and k = 7 (4 ms).
        var g = SaveGrid.For(0.5f, 2f, 10);
        Assert.AreEqual((4, 2), (g.Stride, g.SavedSamples));
        Assert.AreEqual((3, 7), (g.SampleIndex(0), g.SampleIndex(1)));
        // dt 0.5, dt_save 10 (the CLI default): 1200 ms = 2400 samples -> 120 saved, the first at k = 19 (10 ms).
        var d = SaveGrid.For(0.5f, 10f, 2400);
        Assert.AreEqual((20, 120, 19, 2399), (d.Stride, d.SavedSamples, d.SampleIndex(0), d.SampleIndex(119)));
        // dt 20 = dt_save: every sample.
        Assert.AreEqual((1, 7), (SaveGrid.For(20f, 20f, 7).Stride, SaveGrid.For(20f, 20f, 7).SavedSamples));
        // 9 samples at stride 4: 2 saved (k = 3, 7); k = 8 is not at a multiple of 2 ms.
        Assert.AreEqual(2, SaveGrid.For(0.5f, 2f, 9).SavedSamples);
    }

    [TestMethod]
    public void FirstSavedSampleOfAChunk()
    {
        var g = SaveGrid.For(0.5f, 2f, 100); // saved k = 3, 7, 11, ...
        Assert.AreEqual(0, g.FirstSavedAtOrAfter(0));
        Assert.AreEqual(0, g.FirstSavedAtOrAfter(3));
        Assert.AreEqual(1, g.FirstSavedAtOrAfter(4));
        Assert.AreEqual(1, g.FirstSavedAtOrAfter(7));
        Assert.AreEqual(2, g.FirstSavedAtOrAfter(8));
    }

    [TestMethod]
    public void DtSaveMustBeAMultipleOfDt()
    {
        Assert.AreEqual("dt_save", Assert.ThrowsExactly<ConfigException>(() => SaveGrid.StrideFor(0.5f, 0.75f)).Field);
        Assert.AreEqual("dt_save", Assert.ThrowsExactly<ConfigException>(() => SaveGrid.StrideFor(0.5f, 0.25f)).Field);
        Assert.AreEqual(3, SaveGrid.StrideFor(0.1f, 0.3f)); // float round-off tolerated
    }
}
