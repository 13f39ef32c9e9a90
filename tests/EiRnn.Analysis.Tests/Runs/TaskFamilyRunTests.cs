using EiRnn.Analysis.Runs;
using EiRnn.Core.Random;
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
    public async Task RomoPsychometricIsOnF1MinusF2AndTuningNeedsRates()
    {
        using var tmp = new TempFolder();
        const int n = 3;
        var rng = RandomStream.Derive(43, "test/romo");
        IReadOnlyList<Period> epochs = [new("fixation", 0, 100), new("f1", 100, 300), new("delay", 300, 600), new("f2", 600, 800), new("decision", 800, 1000)];
        double[] times = Enumerable.Range(1, 10).Select(k => 100.0 * k).ToArray();
        var trials = new List<SyntheticTrial>();
        foreach (var (f1, f2) in new[] { (10.0, 18.0), (14, 22), (18, 10), (22, 14), (26, 18), (30, 22), (34, 26), (18, 26), (22, 30), (26, 34), (14, 16), (16, 14) })
            for (int k = 0; k < 40; k++)
            {
                var c = new RomoCondition(f1, f2, 300);
                int choice = SyntheticTrials.Choose(rng, f1 - f2, 0, 4);
                // Unit 0 encodes f1 linearly at every sample (tuned), unit 1 is noise, unit 2 is silent.
                var rates = new float[times.Length * n];
                for (int t = 0; t < times.Length; t++) { rates[t * n] = (float)(0.05 * f1); rates[t * n + 1] = (float)rng.NextDouble(); }
                trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, choice == c.CorrectChoice, null), epochs, rates));
            }
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "romo", RomoCondition.Columns, ["fixation", "f1", "delay", "f2", "decision"], trials, times, n, true);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 200 });

        var fit = result.PsychometricFits.Single();
        Assert.IsTrue(fit.SigmaLo <= 4 && 4 <= fit.SigmaHi, $"σ {fit.Sigma} [{fit.SigmaLo}, {fit.SigmaHi}]");
        Assert.AreEqual(new[] { -8.0, -2, 2, 8 }.Length, result.Behaviour.Count, "conditions pooled by f1 − f2");
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "romo-tuning.png")));
    }
}
