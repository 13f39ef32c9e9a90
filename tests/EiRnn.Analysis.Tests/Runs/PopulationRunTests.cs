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
}
