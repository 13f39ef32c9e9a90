using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// The states the simulator reads back, checked without ONNX Runtime: hand-written outputs in a chunk's buffers
/// (as a run would leave them), collected by the feeder. A state of −Inf has rate 0 and a finite z, so only the
/// state check can see it; values in a trial's padding must not count.
/// </summary>
[TestClass]
public sealed class DivergedStateCheckTests
{
    private const int N = 3, Nout = 2, Steps = 4;

    /// <summary>Two trials of the given lengths padded to 4 steps, collected from one chunk whose buffers <paramref name="edit"/> fills.</summary>
    private static BlockWork Collect(int[] lengths, Action<ChunkFeeds> edit, bool lastRates = false, ScanLayout layout = ScanLayout.TimeMajor)
    {
        var batch = new AmplitudeTask().Forced(lengths.Select(l => (ITrialCondition)new AmplitudeTrial(0.1, l)).ToArray(), TaskTiming.Test, 1f,
            new Core.Random.RandomStream(1)).PaddedTo(Steps);
        var work = new BlockWork(batch, [TrialNoiseKeys.For(0, 0), TrialNoiseKeys.For(0, 1)], BlockPorts.Neutral, SaveGrid.For(1, 1, Steps),
            new float[2 * Steps * Nout], new float[2 * Steps * Nout], lastRates ? null : new float[2 * Steps * N]);
        using var feeds = new ChunkFeeds(N, 1, Nout, 2, Steps, layout, [], [], lastRates);
        feeds.Bind(2, Steps, lastRates: lastRates);
        feeds.Z.AsSpan().Fill(0.5f); feeds.R.AsSpan().Fill(0.5f); feeds.XLast.AsSpan().Fill(0.5f); feeds.RLast.AsSpan().Fill(0.5f);
        edit(feeds);
        var feeder = new ChunkFeeder(N, 1, Nout, new float[N], layout, 1);
        feeder.Collect(feeds, work, new TimeChunk(0, 2, 0, Steps, lastRates ? SessionGraph.LastRates : SessionGraph.Main));
        return work;
    }

    [TestMethod]
    public void AStateAtMinusInfinityWithFiniteRatesAndOutputsIsDiverged()
    {
        var work = Collect([4, 4], f => f.XLast[1 * N + 0] = float.NegativeInfinity);
        CollectionAssert.AreEqual(new[] { false, true }, work.StateDiverged);
        Assert.IsTrue(work.ZFull.All(float.IsFinite), "z stayed finite, so only the state shows the overflow");
    }

    [TestMethod]
    [DataRow(ScanLayout.TimeMajor)]
    [DataRow(ScanLayout.BatchMajor)]
    public void ARateOverflowInsideTheTrialIsDivergedOneInItsPaddingIsNot(ScanLayout layout)
    {
        // Trial 0 ends after 2 steps: a NaN rate and state in its padding only mark its end state as unseen; trial 1
        // has an infinite rate at step 1.
        var work = Collect([2, 4], layout: layout, edit: f =>
        {
            for (int k = 2; k < Steps; k++) f.R.AsSpan(f.Row(0, k) * N, N).Fill(float.NaN);
            f.XLast[0] = float.NaN;
            f.R[f.Row(1, 1) * N + 2] = float.PositiveInfinity;
        });
        CollectionAssert.AreEqual(new[] { false, true }, work.StateDiverged);
        CollectionAssert.AreEqual(new[] { true, false }, work.EndStateUnseen);
    }

    [TestMethod]
    public void OnTheLastRatesTwinTheLastRatesAreChecked()
    {
        var work = Collect([4, 4], f => f.RLast[0 * N + 1] = float.NaN, lastRates: true);
        CollectionAssert.AreEqual(new[] { true, false }, work.StateDiverged);
    }
}
