using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Multisensory;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Analysis.Runs;
using EiRnn.Analysis.Tests.Runs;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Claims;

[TestClass]
public sealed class PopulationClaimTests
{
    /// <summary>Unit 0 fires for the first cue level only, unit 1 for the positive choice only, unit 2 for both, unit 3 never; noise σ = 0.1.</summary>
    [TestMethod]
    public async Task CueSelectivitySeparatesChoiceFromCue()
    {
        var caps = BuiltInCapabilities.Multisensory;
        double[] times = [100, 200, 300, 400];
        var rng = RandomStream.Derive(5, "test/cue-selectivity");
        IReadOnlyList<Period> epochs = [new("fixation", 0, 100), new("stimulus", 100, 400)];
        var trials = new List<SyntheticTrial>();
        foreach (var m in new[] { Modality.Visual, Modality.Auditory, Modality.VisualAuditory })
            foreach (int rate in new[] { 9, 16 })
                for (int k = 0; k < 40; k++)
                {
                    var c = new MultisensoryCondition(m, rate);
                    int choice = c.CorrectChoice!.Value;
                    bool first = m == Modality.Visual, positive = choice == caps.Evidence!.PositiveChoice;
                    var r = new float[times.Length * 4];
                    for (int t = 0; t < times.Length; t++)
                    {
                        r[t * 4] = (float)((first ? 1 : 0) + 0.1 * rng.NextNormal());
                        r[t * 4 + 1] = (float)((positive ? 1 : 0) + 0.1 * rng.NextNormal());
                        r[t * 4 + 2] = (float)((first ? 1 : 0) + (positive ? 1 : 0) + 0.1 * rng.NextNormal());
                    }
                    trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, true, null), epochs, r));
                }
        using var tmp = new TempFolder();
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "multisensory", MultisensoryCondition.Columns, ["fixation", "stimulus"], trials, times, 4, true);
        var analysis = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 10 });
        var s = (await ClaimData.ReadAsync(tmp.Sub("data"), analysis, null, null, null)).Cues!;
        Assert.AreEqual(160, s.Trials, "correct single-cue trials only (the combined level is left out)");
        CollectionAssert.AreEqual(new[] { true, false, true, false }, s.Selective("cue", 1.0));
        CollectionAssert.AreEqual(new[] { false, true, true, false }, s.Selective("choice", 1.0));
        CollectionAssert.AreEqual(new[] { false, false, true, false }, s.Selective("both", 1.0));
        Assert.IsGreaterThan(0, s.CueDPrime[0], "positive cue d′ = prefers the first level");
    }

    /// <summary>Two pools of 2 E units; initial E→E weights all 1; trained: within 2, between 0.5 → (0.5/2)/(1/1) = 0.25.</summary>
    [TestMethod]
    public void BetweenPoolChangeIsTheRatioOfRatios()
    {
        var spec = TestNetworks.Spec(5, 1, 2, dale: true);
        double[] dPrime = [1, 2, -1, -2, 5];
        var initial = Enumerable.Repeat(1f, 25).ToArray();
        var trained = new float[25];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) trained[i * 5 + j] = (i < 2) == (j < 2) ? 2 : 0.5f;
        var m = PoolMeasures.BetweenPoolChange(spec, trained, InitialWeights.Of(initial), dPrime, 50, 0.95, RandomStream.Derive(1, "t"));
        Assert.AreEqual(0.25, m.Value!.Value.Value, 1e-9);
        var none = PoolMeasures.BetweenPoolChange(spec, trained, InitialWeights.Unavailable("no record"), dPrime, 50, 0.95, RandomStream.Derive(1, "t"));
        Assert.AreEqual("no record", none.NotMeasurableReason);
    }
}
