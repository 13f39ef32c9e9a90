using System.Text.RegularExpressions;
using EiRnn.Analysis.Runs;
using EiRnn.Core.Errors;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Tests.Runs;

[TestClass]
public sealed class AnalysisRunTests
{
    private const int K = 150;

    [TestMethod]
    public async Task PsychometricFitRecoversTheGeneratingGaussian()
    {
        using var tmp = new TempFolder();
        const double mu = 3.0, sigma = 12.0;
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", mu, sigma)], K, seed: 11);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), Seed = 5 });

        var fit = result.PsychometricFits.Single(f => f.Perturbation == "control" && f.Curve == "all");
        Assert.IsTrue(fit.MuLo <= mu && mu <= fit.MuHi, $"true μ {mu} outside [{fit.MuLo}, {fit.MuHi}]");
        Assert.IsTrue(fit.SigmaLo <= sigma && sigma <= fit.SigmaHi, $"true σ {sigma} outside [{fit.SigmaLo}, {fit.SigmaHi}]");
        Assert.IsTrue(fit.MuHi - fit.MuLo < 6, $"μ interval too wide to mean anything: [{fit.MuLo}, {fit.MuHi}]");
        Assert.AreEqual(11 * K, fit.N, "every non-catch trial counts in the curve (coherence 0 included)");
    }

    [TestMethod]
    public async Task TablesReadBackWithTheCountsTheGeneratorDrew()
    {
        using var tmp = new TempFolder();
        var data = await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10)], K, seed: 12);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 50 });

        var behaviour = await ResultTableReader.ReadAsync(Path.Combine(tmp.Sub("out"), "tables", "behaviour.parquet"));
        Assert.AreEqual(11, behaviour.Rows, "one row per signed coherence");
        var coherence = behaviour["coherence"].Doubles;
        var n = behaviour["n"].Ints;
        var p1 = behaviour["p_choice1"].Doubles;
        var pc = behaviour["p_correct"].Doubles;
        for (int i = 0; i < behaviour.Rows; i++)
        {
            var (trials, choice1) = data.Counts[("control", coherence[i])];
            Assert.AreEqual(trials, n[i], $"n at {coherence[i]}");
            Assert.AreEqual((double)choice1 / trials, p1[i], 1e-12, $"p_choice1 at {coherence[i]}");
            // Correct = choice 1 for positive coherence, choice 2 for negative; undefined at 0.
            double expected = coherence[i] > 0 ? (double)choice1 / trials : coherence[i] < 0 ? 1 - (double)choice1 / trials : double.NaN;
            Assert.AreEqual(expected, pc[i], 1e-12, $"p_correct at {coherence[i]}");
        }

        var fits = await ResultTableReader.ReadAsync(Path.Combine(tmp.Sub("out"), "tables", "psychometric_fits.parquet"));
        CollectionAssert.AreEqual(new[] { "perturbation", "curve", "mu", "mu_lo", "mu_hi", "sigma", "sigma_lo", "sigma_hi", "n" },
            fits.Columns.Select(c => c.Name).ToArray());
        var row = result.PsychometricFits.Single();
        Assert.AreEqual(row.Mu, fits["mu"].Doubles.Single());
        Assert.AreEqual(row.SigmaHi, fits["sigma_hi"].Doubles.Single());
        Assert.AreEqual(11 * K, fits["n"].Ints.Single());
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(tmp.Sub("out"), "tables"), ".*").Any(), "no temporary files left");
    }

    [TestMethod]
    public async Task ReportReferencesEveryFigureItWrote()
    {
        using var tmp = new TempFolder();
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10), new("lesion", 6, 10)], 40, seed: 13, new SyntheticShape(N: 6, SaveR: true));
        Directory.CreateDirectory(tmp.Sub("train"));
        await File.WriteAllTextAsync(Path.Combine(tmp.Sub("train"), "learning-curve.csv"),
            "trials,updates,validation_cost,performance,rmse\n200,10,0.9,0.5,0.4\n400,20,0.5,0.7,0.3\n600,30,0.2,0.9,0.2\n");
        await File.WriteAllTextAsync(Path.Combine(tmp.Sub("train"), "train-summary.json"),
            "{\"task\": \"rdm-fixed\", \"trials_trained\": 600, \"metric\": \"percent_correct\", \"validation_performance\": 0.9, \"criterion\": 0.85, \"converged\": true, \"wall_seconds\": 3}");
        var result = await AnalysisRun.RunAsync(new AnalysisRequest
        {
            DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), TrainingDir = tmp.Sub("train"), BootstrapResamples = 50,
        });

        string html = await File.ReadAllTextAsync(Path.Combine(tmp.Sub("out"), "index.html"));
        var referenced = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        var written = Directory.EnumerateFiles(tmp.Sub("out"), "*.png").Select(f => Path.GetFileName(f)).ToHashSet();
        CollectionAssert.AreEquivalent(written.ToArray(), referenced.ToArray());
        CollectionAssert.IsSubsetOf(new[] { "psychometric.png", "learning-curve.png", "perturbation-accuracy.png", "perturbation-bias.png", "perturbation-threshold.png" }, written.ToArray());
        foreach (var png in written)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(tmp.Sub("out"), png!));
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4], png);
        }
        StringAssert.Contains(html, "Analysis seed 1");
        StringAssert.Contains(html, "Trained 600 trials");
        Assert.AreEqual(6, result.Selectivity.Count, "one d′ per unit");
        // Unit 0 fires more on choice-1 trials, unit 1 on choice-2 trials (SyntheticRdmDataset).
        Assert.IsTrue(result.Selectivity[0].DPrime > 1 && result.Selectivity[1].DPrime < -1,
            $"d′ of units 0, 1: {result.Selectivity[0].DPrime}, {result.Selectivity[1].DPrime}");
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "tables", "selectivity.parquet")));
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "tables", "perturbation_effects.parquet")));
    }

    [TestMethod]
    public async Task BiasShiftIntervalContainsTheTrueShift()
    {
        using var tmp = new TempFolder();
        const double shift = 8;
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10), new("lesion", shift, 10)], K, seed: 14);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out") });

        var effect = result.PerturbationEffects.Single();
        Assert.AreEqual("lesion", effect.Perturbation);
        Assert.IsTrue(effect.BiasShift.Contains(shift), $"true shift {shift} outside {effect.BiasShift}");
        Assert.IsFalse(effect.BiasShift.Contains(0), $"a shift of {shift} % must be detected: {effect.BiasShift}");
        var table = await ResultTableReader.ReadAsync(Path.Combine(tmp.Sub("out"), "tables", "perturbation_effects.parquet"));
        Assert.AreEqual(effect.BiasShift.Lower, table["d_mu_lo"].Doubles.Single());
    }

    [TestMethod]
    public async Task ModelWithAnotherHashIsRejected()
    {
        using var tmp = new TempFolder();
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10)], 5, seed: 15);
        string model = tmp.Sub("other.onnx");
        await File.WriteAllBytesAsync(model, [1, 2, 3]);
        var e = await Assert.ThrowsExactlyAsync<ModelFileException>(() =>
            AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), ModelPath = model }));
        StringAssert.Contains(e.Message, "SHA-256");
    }

    [TestMethod]
    public async Task MissingDatasetIsADatasetError()
    {
        using var tmp = new TempFolder();
        await Assert.ThrowsExactlyAsync<DatasetException>(() =>
            AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("nothing-here"), OutDir = tmp.Sub("out") }));
    }
}

[TestClass]
public sealed class ReactionTimeRunTests
{
    [TestMethod]
    public async Task RdmRtUsesTheStoredChoiceAndRt()
    {
        using var tmp = new TempFolder();
        var shape = new SyntheticShape(Task: "rdm-rt", TSave: 90, DtSaveMs: 20, StimulusEndMs: 1800);
        var data = await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10)], 30, seed: 21, shape);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 20 });

        foreach (var row in result.Behaviour.Where(b => b.Stimulus != 0))
        {
            // The simulator's RT at full resolution, not the saved sample (k·20 ms) after the crossing: scoring runs once, in the simulator.
            double expected = SyntheticShape.DecisionTimeMs(Math.Abs(row.Stimulus));
            Assert.AreEqual(expected, row.MeanRtMs, 1e-9, $"RT at {row.Stimulus}");
            var (trials, choice1) = data.Counts[("control", row.Stimulus)];
            Assert.AreEqual((double)choice1 / trials, row.PChoice1, 1e-12, "the stored choice");
        }
        Assert.AreEqual(data.NoCrossing, result.Behaviour.Sum(b => b.NoResponse), "trials without a crossing are counted as no response");
        Assert.IsTrue(data.NoCrossing > 0);
        CollectionAssert.IsSubsetOf(new[] { "reaction-time.png", "reaction-time-histogram.png" }, result.Figures.Select(Path.GetFileName).ToArray());
    }
}
