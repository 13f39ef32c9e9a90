using EiRnn.Analysis.Behaviour;

namespace EiRnn.Analysis.Tests.Behaviour;

[TestClass]
public sealed class ReactionTimeTests
{
    // Samples at 10, 20, ..., 80 ms; stimulus onset at 30 ms.
    private static readonly double[] Times = [10, 20, 30, 40, 50, 60, 70, 80];

    private static float[] Interleave(float[] out1, float[] out2) =>
        out1.Zip(out2).SelectMany(p => new[] { p.First, p.Second }).ToArray();

    [TestMethod]
    public void FirstCrossingAfterOnsetGivesChoiceAndRt()
    {
        // Output 1 exceeds 1 first at 60 ms → RT 30 ms, choice 0. Output 2 crosses later (70 ms).
        var z = Interleave([0.2f, 0.3f, 0.5f, 0.8f, 0.99f, 1.01f, 1.2f, 1.3f],
                           [0.2f, 0.2f, 0.3f, 0.4f, 0.6f, 0.9f, 1.1f, 1.2f]);
        var c = ReactionTime.FirstCrossing(z, 2, Times, stimulusOnsetMs: 30);
        Assert.AreEqual(new ThresholdCrossing(0, 30), c);
    }

    [TestMethod]
    public void TieGoesToOutputTwo()
    {
        var z = Interleave([0.2f, 0.2f, 0.2f, 0.5f, 1.5f, 2f, 2f, 2f],
                           [0.2f, 0.2f, 0.2f, 0.5f, 1.1f, 0.2f, 0.2f, 0.2f]);
        Assert.AreEqual(new ThresholdCrossing(1, 20), ReactionTime.FirstCrossing(z, 2, Times, 30));
    }

    [TestMethod]
    public void ExactlyThresholdIsNotACrossingAndNoCrossingGivesNull()
    {
        var z = Interleave([1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], [0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.IsNull(ReactionTime.FirstCrossing(z, 2, Times, 30));
    }

    [TestMethod]
    public void CrossingsAtOrBeforeOnsetAreIgnored()
    {
        // Above threshold at 20 and 30 ms (≤ onset), below at 40, then output 2 at 50 ms → RT 20.
        var z = Interleave([0.2f, 1.5f, 1.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f],
                           [0.2f, 0.2f, 0.2f, 0.5f, 1.2f, 0.5f, 0.5f, 0.5f]);
        Assert.AreEqual(new ThresholdCrossing(1, 20), ReactionTime.FirstCrossing(z, 2, Times, 30));
    }

    [TestMethod]
    public void SummaryAveragesCorrectRtsPerUnsignedCoherenceAndCountsExclusions()
    {
        var table = new BehaviourTable();
        table.Add(new TrialBehaviour(6.4, 0, true, 300));
        table.Add(new TrialBehaviour(-6.4, 1, true, 500));
        table.Add(new TrialBehaviour(-6.4, 0, false, 100));   // error: not in the RT mean
        table.Add(new TrialBehaviour(6.4, null, null, null)); // no crossing
        table.Add(new TrialBehaviour(51.2, 0, true, 200));
        table.Add(new TrialBehaviour(0, 1, null, 700));       // coherence 0: curve only
        var summary = table.ToSummary();
        var rt = ReactionTimeSummary.From(summary);

        Assert.AreEqual(2, rt.ByCoherence.Count);
        Assert.AreEqual(6.4, rt.ByCoherence[0].Coherence);
        Assert.AreEqual(400, rt.ByCoherence[0].MeanRtMs, 1e-12);
        Assert.AreEqual(200, rt.ByCoherence[1].MeanRtMs, 1e-12);
        CollectionAssert.AreEquivalent(new[] { 300.0, 500, 200 }, rt.CorrectRtMs.ToArray());
        Assert.AreEqual(1, rt.NoResponseTrials);
        Assert.AreEqual(3.0 / 4, summary.Accuracy, 1e-12);
        // Curve: the no-response trial is dropped; at +6.4 one responded trial, chose output 0.
        var point = summary.ChoiceCounts.Single(p => p.X == 6.4);
        Assert.AreEqual((1, 1), (point.Trials, point.Positive));
    }
}
