using System.Buffers.Binary;
using EiRnn.Analysis.Runs;
using EiRnn.Analysis.Tests.Mante;
using EiRnn.Data.Tables;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>A tiny mante-like dataset (units with known task loadings) through `analyze`: regression subspace, trajectory PCA, files.</summary>
[TestClass]
public sealed class PopulationRunTests
{
    private const int Units = 16, Samples = 10;
    private static readonly double[] Times = Enumerable.Range(1, Samples).Select(k => 20.0 * k).ToArray();
    private static readonly IReadOnlyList<Period> Epochs = [new("fixation", 0, 30), new("stimulus", 30, 180), new("decision", 180, 200)];

    private static async Task<SyntheticManteUnits.Trial[]> WriteManteAsync(string dir, bool saveR)
    {
        var data = new SyntheticManteUnits(Units, Samples, 78);
        var trials = data.Trials(repeats: 4).ToArray();
        static (int Code, int Sign) Code(double coherence) => ((int)Math.Abs(coherence) / 5, coherence > 0 ? 1 : -1);
        var synthetic = trials.Select(t =>
        {
            var (mc, ms) = Code(t.Motion);
            var (cc, cs) = Code(t.Colour);
            var c = new ManteCondition(t.Context == 1 ? ManteContext.Motion : ManteContext.Colour, mc, ms, cc, cs);
            Assert.AreEqual(t.Correct, t.Choice == c.CorrectChoice, "the synthetic labels agree with the task's rule");
            return new SyntheticTrial(c, new TrialOutcome(t.Choice, t.Correct, null), Epochs, t.Rates);
        }).ToArray();
        await SyntheticTrials.WriteAsync(dir, "mante", ManteCondition.Columns, ["fixation", "stimulus", "decision"], synthetic, Times, Units, saveR);
        return trials;
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], $"{path}: PNG signature");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static async Task<ResultTable> ParquetTable(string outDir, string name)
    {
        string path = Path.Combine(outDir, "tables", name + ".parquet");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.AreEqual("PAR1", System.Text.Encoding.ASCII.GetString(bytes, 0, 4), $"{name}: Parquet header magic");
        Assert.AreEqual("PAR1", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4), $"{name}: Parquet footer magic");
        return await ResultTableReader.ReadAsync(path);
    }

    [TestMethod]
    public async Task ManteDatasetGivesTheRegressionSubspaceTrajectoryPcaTablesAndFigures()
    {
        using var tmp = new TempFolder();
        var trials = await WriteManteAsync(tmp.Sub("data"), saveR: true);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 20 });
        string outDir = tmp.Sub("out");

        // Regression subspace: the known loading directions (see ManteRegressionTests for the derivation).
        var mante = result.Mante ?? throw new AssertFailedException("no Mante regression");
        Assert.AreEqual(trials.Length, mante.Trials);
        for (int j = 0; j < 4; j++)
        {
            double cos = Enumerable.Range(0, Units).Sum(i => (i % 4 != j ? 0 : 0.5 * (i < Units / 2 ? 1 : -1) * (j < 3 ? mante.PreferredChoice[i] : 1)) * mante.Axes[i, j]);
            Assert.IsGreaterThan(0.99, cos, $"axis {j}");
        }
        var axes = await ParquetTable(outDir, "mante_axes");
        Assert.AreEqual(Units, axes.Rows, "one row per active unit");
        CollectionAssert.AreEqual(new[] { "unit", "preferred_choice", "choice", "motion", "colour", "context" }, axes.Columns.Select(c => c.Name).ToArray());
        // 36 correct-trial groups (per context: sorted by the relevant modality 6, by the irrelevant 12) × 4 regression samples (every 2nd of 8).
        var projections = await ParquetTable(outDir, "mante_trajectories");
        Assert.AreEqual(36 * 4, projections.Rows);
        Assert.AreEqual(mante.Trajectories.Count * 4, projections.Rows);

        // Trajectory PCA: correct trials per context and signed relevant coherence (2 × 6), the 8 stimulus samples each.
        var pca = result.TrajectoryPca ?? throw new AssertFailedException("no trajectory PCA");
        Assert.AreEqual(12, pca.Projections.Count);
        var pcaRows = await ParquetTable(outDir, "pca_trajectories");
        Assert.AreEqual(12 * 8, pcaRows.Rows);
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).Select(k => 20.0 * k).ToArray(), pcaRows["offset_ms"].Doubles.Take(8).ToArray());
        var variance = await ParquetTable(outDir, "pca_variance");
        Assert.AreEqual(pca.ActiveUnits.Count, variance.Rows);
        Assert.AreEqual(1.0, variance["cumulative"].Doubles[^1], 1e-9);
        // Correct trials per (context, relevant coherence) from the generator itself.
        int expectedTrials = trials.Count(t => t.Correct && t.Context == 1 && t.Motion == 50);
        Assert.AreEqual(expectedTrials, pcaRows["trials"].Ints[pcaRows["condition"].Strings.ToList().IndexOf("motion context, motion +50 %")]);

        // Widths: the 2 × 2 state-space grid, the trajectory plot with its legend beside it, the plain variance plot.
        foreach (var (png, width) in new[] { ("mante-state-space.png", 1440), ("pca-trajectories.png", 880), ("pca-variance.png", 720) })
        {
            Assert.AreEqual(width, PngSize(Path.Combine(outDir, png)).Width, png);
            StringAssert.Contains(await File.ReadAllTextAsync(result.ReportPath), $"src=\"{png}\"");
        }
        Assert.IsFalse(result.Notes.Any(n => n.Contains("Skipped")), string.Join(" | ", result.Notes));
    }

    [TestMethod]
    public async Task WithoutSavedRatesTheReportNamesTheSkippedAnalyses()
    {
        using var tmp = new TempFolder();
        await WriteManteAsync(tmp.Sub("data"), saveR: false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 20 });

        Assert.IsNull(result.Mante);
        Assert.IsNull(result.TrajectoryPca);
        Assert.IsFalse(File.Exists(Path.Combine(tmp.Sub("out"), "tables", "mante_axes.parquet")));
        string html = await File.ReadAllTextAsync(result.ReportPath);
        StringAssert.Contains(html, "no saved rates r");
        StringAssert.Contains(html, "the Mante regression subspace");
        StringAssert.Contains(html, "the PCA of condition-averaged trajectories");
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "psychometric-motion-context.png")), "behaviour needs no rates");
    }

    [TestMethod]
    public async Task SequenceTrajectoriesAverageEveryTrialPerSequenceOverTheWholeTrial()
    {
        // 8 sequences × 2 trials, 3 units, 7 samples every 500 ms over the 3500 ms trial. Unit 0 = 0.1·s·(k + 1),
        // unit 1 = sin(k + s), each ± 0.2 on the two trials (the average removes it); unit 2 is constant (inactive).
        // With two active units the correlation matrix is [[1, ρ], [ρ, 1]]: eigenvalues 1 ± |ρ|, ρ the Pearson
        // correlation of the two units over all 56 averaged samples (computed here with MathNet).
        using var tmp = new TempFolder();
        const int n = 3, samples = 7;
        double[] times = Enumerable.Range(1, samples).Select(k => 500.0 * k).ToArray();
        IReadOnlyList<Period> periods = [new("iti", 0, 1000), new("fixation", 1000, 2000), new("m1", 2000, 2500), new("m2", 2500, 3000), new("m3", 3000, 3500)];
        double Mean(int s, int k, int u) => u == 0 ? 0.1 * s * (k + 1) : u == 1 ? Math.Sin(k + s) : 0.3;
        var trials = new List<SyntheticTrial>();
        for (int s = 1; s <= 8; s++)
            foreach (double d in new[] { -0.2, 0.2 })
            {
                var r = new float[samples * n];
                for (int k = 0; k < samples; k++) for (int u = 0; u < n; u++) r[k * n + u] = (float)(Mean(s, k, u) + (u < 2 ? d : 0));
                trials.Add(new SyntheticTrial(new SequenceCondition(s), new TrialOutcome(null, true, null), periods, r));
            }
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "sequence", SequenceCondition.Columns, ["iti", "fixation", "m1", "m2", "m3"], trials, times, n, true);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 10 });

        var pca = result.TrajectoryPca ?? throw new AssertFailedException("no trajectory PCA");
        CollectionAssert.AreEqual(new[] { 0, 1 }, pca.ActiveUnits.ToArray());
        var u0 = Enumerable.Range(1, 8).SelectMany(s => Enumerable.Range(0, samples).Select(k => Mean(s, k, 0))).ToArray();
        var u1 = Enumerable.Range(1, 8).SelectMany(s => Enumerable.Range(0, samples).Select(k => Mean(s, k, 1))).ToArray();
        double rho = Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(u0, u1));
        Assert.AreEqual(1 + rho, pca.Eigenvalues[0], 1e-6);
        Assert.AreEqual(1 - rho, pca.Eigenvalues[1], 1e-6);
        var rows = await ParquetTable(tmp.Sub("out"), "pca_trajectories");
        Assert.AreEqual(8 * samples, rows.Rows);
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(s => $"sequence {s}").ToArray(), rows["condition"].Strings.Distinct().ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, samples).Select(k => 500.0 * k).ToArray(), rows["offset_ms"].Doubles.Take(samples).ToArray());
        Assert.IsTrue(rows["trials"].Ints.All(t => t == 2));
    }

    [TestMethod]
    public async Task ReactionTimeTrajectoriesEndAtTheThresholdCrossing()
    {
        // SyntheticRdmDataset (rdm-rt): the chosen output crosses 1 at 300 ms + D(|c|), so every trial of a signed
        // coherence has the same window, from the first stimulus sample (320 ms) to the crossing sample
        // ceil((300 + D)/20)·20; the averages hold that many samples, at offsets −(len − 1)·20 … 0 ms.
        using var tmp = new TempFolder();
        var shape = new SyntheticShape(Task: "rdm-rt", TSave: 90, DtSaveMs: 20, StimulusEndMs: 1800, N: 4, SaveR: true);
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10)], 30, seed: 22, shape);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 10 });

        var rows = await ParquetTable(tmp.Sub("out"), "pca_trajectories");
        var conditions = rows["condition"].Strings;
        Assert.AreEqual(10, conditions.Distinct().Count(), "correct trials of the 10 non-zero signed coherences");
        foreach (double c in new[] { -51.2, -3.2, 3.2, 12.8, 51.2 })
        {
            string label = $"{c:+0.#;−0.#} %";
            var offsets = rows["offset_ms"].Doubles.Where((_, i) => conditions[i] == label).ToArray();
            double crossing = Math.Ceiling((300 + SyntheticShape.DecisionTimeMs(Math.Abs(c))) / 20) * 20;
            int length = (int)((crossing - 320) / 20) + 1;
            CollectionAssert.AreEqual(Enumerable.Range(0, length).Select(k => -20.0 * (length - 1 - k)).ToArray(), offsets, label);
        }
    }
}
