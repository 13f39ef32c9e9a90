using EiRnn.Analysis.Runs;
using EiRnn.Core.Random;
using EiRnn.Data.Tables;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>mante, multisensory and romo datasets whose choices follow known psychometric functions.</summary>
[TestClass]
public sealed class TaskFamilyRunTests
{
    private static readonly IReadOnlyList<Period> Epochs = [new("fixation", 0, 300), new("stimulus", 300, 1050), new("decision", 1050, 1400)];
    private static readonly double[] Times = [350, 700, 1050, 1400];

    [TestMethod]
    public async Task ManteRelevantModalityIsSteepAndIrrelevantFlat()
    {
        using var tmp = new TempFolder();
        const double sigma = 8;
        var rng = RandomStream.Derive(41, "test/mante");
        var trials = new List<SyntheticTrial>();
        int[] codes = [1, 3, 10];
        foreach (var ctx in new[] { ManteContext.Motion, ManteContext.Colour })
            foreach (int mc in codes) foreach (int ms in new[] { 1, -1 })
                foreach (int cc in codes) foreach (int cs in new[] { 1, -1 })
                    for (int k = 0; k < 25; k++)
                    {
                        var c = new ManteCondition(ctx, mc, ms, cc, cs);
                        double relevant = ctx == ManteContext.Motion ? c.MotionCoherence : c.ColourCoherence;
                        int choice = SyntheticTrials.Choose(rng, relevant, 0, sigma);
                        trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, choice == c.CorrectChoice, null), Epochs));
                    }
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "mante", ManteCondition.Columns, ["fixation", "stimulus", "decision"], trials, Times, 4, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 200 });

        PsychometricFitRow Fit(string curve) => result.PsychometricFits.Single(f => f.Perturbation == "control" && f.Curve == curve);
        foreach (string ctx in new[] { "motion", "colour" })
        {
            var relevant = Fit($"{ctx} context: {ctx}");
            var irrelevant = Fit($"{ctx} context: {(ctx == "motion" ? "colour" : "motion")}");
            Assert.IsTrue(relevant.SigmaLo <= sigma && sigma <= relevant.SigmaHi, $"{ctx}: relevant σ {relevant.Sigma} [{relevant.SigmaLo}, {relevant.SigmaHi}]");
            Assert.IsTrue(irrelevant.Sigma > 5 * sigma, $"{ctx}: the irrelevant modality must be flat, σ = {irrelevant.Sigma}");
            Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), $"psychometric-{ctx}-context.png")));
        }
    }

    [TestMethod]
    public async Task MultisensoryFitsEachModality()
    {
        using var tmp = new TempFolder();
        var truth = new Dictionary<Modality, double> { [Modality.Visual] = 1.5, [Modality.Auditory] = 2.0, [Modality.VisualAuditory] = 1.2 };
        var rng = RandomStream.Derive(42, "test/multisensory");
        var trials = new List<SyntheticTrial>();
        foreach (var (m, s) in truth)
            foreach (int rate in new[] { 9, 10, 11, 12, 13, 14, 15, 16 })
                for (int k = 0; k < 80; k++)
                {
                    var c = new MultisensoryCondition(m, rate);
                    int choice = SyntheticTrials.Choose(rng, rate, 12.5, s);
                    trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, choice == c.CorrectChoice, null), Epochs));
                }
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "multisensory", MultisensoryCondition.Columns, ["fixation", "stimulus", "decision"], trials, Times, 4, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 200 });

        foreach (var (code, s) in new[] { ("v", 1.5), ("a", 2.0), ("va", 1.2) })
        {
            var fit = result.PsychometricFits.Single(f => f.Curve == code);
            Assert.IsTrue(fit.SigmaLo <= s && s <= fit.SigmaHi, $"{code}: σ {fit.Sigma} [{fit.SigmaLo}, {fit.SigmaHi}] vs {s}");
            Assert.IsTrue(fit.MuLo <= 12.5 && 12.5 <= fit.MuHi, $"{code}: μ {fit.Mu} [{fit.MuLo}, {fit.MuHi}]");
        }
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(tmp.Sub("out"), "index.html")), "Multisensory integration");
    }

    [TestMethod]
    public async Task RomoPsychometricIsOnF1MinusF2AndTuningHasTheKnownSigns()
    {
        using var dir = new TempFolder();
        const int n = 5;
        var rng = RandomStream.Derive(43, "test/romo");
        IReadOnlyList<Period> epochs = [new("fixation", 0, 100), new("f1", 100, 300), new("delay", 300, 600), new("f2", 600, 800), new("decision", 800, 1000)];
        double[] times = Enumerable.Range(1, 10).Select(k => 100.0 * k).ToArray();
        var trials = new List<SyntheticTrial>();
        foreach (var (f1, f2) in new[] { (10.0, 18.0), (14, 22), (18, 10), (22, 14), (26, 18), (30, 22), (34, 26), (18, 26), (22, 30), (26, 34), (14, 16), (16, 14) })
            for (int k = 0; k < 40; k++)
            {
                var c = new RomoCondition(f1, f2, 300);
                int choice = SyntheticTrials.Choose(rng, f1 - f2, 0, 4);
                // Unit 0 encodes f1 linearly at every sample, unit 1 is noise, unit 2 is silent. Units 3 and 4 encode f1
                // (+0.02/Hz) throughout and, once f2 arrives, f2 with the same (+0.03/Hz) or the opposite (−0.03/Hz) sign.
                var rates = new float[times.Length * n];
                for (int t = 0; t < times.Length; t++)
                {
                    double late = times[t] > 600 ? 0.03 * f2 : 0;
                    rates[t * n] = (float)(0.05 * f1);
                    rates[t * n + 1] = (float)rng.NextDouble();
                    rates[t * n + 3] = (float)(1 + 0.02 * f1 + late + 0.01 * rng.NextNormal());
                    rates[t * n + 4] = (float)(2 + 0.02 * f1 - late + 0.01 * rng.NextNormal());
                }
                trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, choice == c.CorrectChoice, null), epochs, rates));
            }
        await SyntheticTrials.WriteAsync(dir.Sub("data"), "romo", RomoCondition.Columns, ["fixation", "f1", "delay", "f2", "decision"], trials, times, n, true);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = dir.Sub("data"), OutDir = dir.Sub("out"), BootstrapResamples = 200 });

        var fit = result.PsychometricFits.Single();
        Assert.IsTrue(fit.SigmaLo <= 4 && 4 <= fit.SigmaHi, $"σ {fit.Sigma} [{fit.SigmaLo}, {fit.SigmaHi}]");
        Assert.AreEqual(new[] { -8.0, -2, 2, 8 }.Length, result.Behaviour.Count, "conditions pooled by f1 − f2");

        var tuning = result.RomoTuning ?? throw new AssertFailedException("no Romo tuning");
        Assert.AreEqual(1, tuning.MidF1Sample, "200 ms, the first sample at or after the middle of f1");
        Assert.IsGreaterThanOrEqualTo(0.6, tuning.FractionPositive[1], "units 0, 3 and 4 are tuned + to f1");
        var joint = tuning.F2 ?? throw new AssertFailedException("no joint f1/f2 regression");
        Assert.AreEqual(12, joint.Conditions);
        Assert.AreEqual(6, joint.MidF2Sample, "700 ms");
        var units = await ResultTableReader.ReadAsync(Path.Combine(dir.Sub("out"), "tables", "romo_units.parquet"));
        Assert.AreEqual(n, units.Rows);
        double[] b2 = units["b2_mid_f2"].Doubles, pB2 = units["p_b2_mid_f2"].Doubles, b1 = units["b1_mid_f2"].Doubles;
        Assert.AreEqual(0.03, b2[3], 0.003);
        Assert.AreEqual(-0.03, b2[4], 0.003);
        Assert.AreEqual(0.02, b1[3], 0.003);
        Assert.IsLessThan(1e-3, pB2[3]);
        Assert.IsLessThan(1e-3, pB2[4]);
        Assert.AreEqual(1.0, pB2[0], "unit 0 is an exact function of f1: its f2 coefficient is zero");
        Assert.IsGreaterThanOrEqualTo(0.2, joint.FractionSameSign[6]);
        Assert.IsGreaterThanOrEqualTo(0.2, joint.FractionOppositeSign[6]);
        var overTime = await ResultTableReader.ReadAsync(Path.Combine(dir.Sub("out"), "tables", "romo_tuning.parquet"));
        Assert.AreEqual(times.Length, overTime.Rows);
        foreach (string png in new[] { "romo-tuning.png", "romo-coefficients.png" }) Assert.IsTrue(File.Exists(Path.Combine(dir.Sub("out"), png)), png);
    }
}

[TestClass]
public sealed class DurationRunTests
{
    [TestMethod]
    public async Task RdmVariableBinsAccuracyByStimulusDuration()
    {
        using var tmp = new TempFolder();
        var trials = new List<SyntheticTrial>();
        // 20 trials per signed coherence with durations 100, 150, ..., 1050 ms; correct exactly when the stimulus lasts ≥ 500 ms.
        foreach (int code in new[] { 0, 4, 16 })
            foreach (int dir in code == 0 ? new[] { 1 } : new[] { 1, -1 })
                for (int k = 0; k < 20; k++)
                {
                    double ms = 100 + 50 * k;
                    var c = new RdmVariableCondition(code, dir, ms);
                    int right = c.CorrectChoice ?? 0;
                    int choice = ms >= 500 ? right : 1 - right;
                    IReadOnlyList<Period> epochs = [new("fixation", 0, 500), new("stimulus", 500, 500 + ms), new("decision", 500 + ms, 800 + ms)];
                    trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, c.CorrectChoice is int cc ? choice == cc : null, null), epochs));
                }
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "rdm-variable", RdmVariableCondition.Columns, ["fixation", "stimulus", "decision"], trials,
            [500, 1000, 1500, 2000], 2, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 10 });

        // Per unsigned coherence: 40 scored trials (both directions) in 10 bins of 4; two trials of each duration.
        foreach (double coherence in new[] { 12.8, 51.2 })
        {
            var bins = result.DurationAccuracy.Where(b => b.Coherence == coherence).OrderBy(b => b.LowerMs).ToArray();
            Assert.AreEqual(10, bins.Length);
            Assert.IsTrue(bins.All(b => b.N == 4));
            // Bin b holds durations 100 + 100·b and 150 + 100·b: all correct from bin 4 (500, 550) on, none before.
            CollectionAssert.AreEqual(new[] { 0.0, 0, 0, 0, 1, 1, 1, 1, 1, 1 }, bins.Select(b => b.PCorrect).ToArray());
            Assert.AreEqual(100, bins[0].LowerMs);
            Assert.AreEqual(175, bins[0].UpperMs, "midpoint between 150 and 200");
        }
        Assert.IsFalse(result.DurationAccuracy.Any(b => b.Coherence == 0), "coherence 0 has no correct answer");
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "duration-accuracy.png")));
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "tables", "duration_accuracy.parquet")));
    }
}
