using EiRnn.Analysis.Runs;
using EiRnn.Core.Network;
using EiRnn.Data.Manifest;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>Weight-based analyses of `analyze --model`: sorted connectivity, and fixed points under the constant inputs of a task with and without a zero-evidence condition.</summary>
[TestClass]
public sealed class ModelAnalysisTests
{
    // rdm-fixed's zero-coherence condition gives two constant inputs: 0 in fixation and decision (ũ = u0 = 0.2 on
    // both channels) and 0.5 in the stimulus (ũ = 0.7).
    [TestMethod]
    public Task UncoupledNetworkHasOneStableFixedPointAtItsDrive() =>
        AssertOneStableFixedPointPerInput(Tasks.TaskRegistry.BuiltIn().Create("rdm-fixed"),
            [("fixation/decision", [0.2, 0.2]), ("stimulus", [0.7, 0.7])]);

    // examples/tasks/go-no-go.json has no zero-evidence condition: its first test condition (go = 1) is used, with
    // input (1, 0) in the cue and 0 elsewhere, so ũ = (1.2, 0.2) in the cue and u0 = (0.2, 0.2) in the other periods.
    [TestMethod]
    public Task TaskWithoutZeroEvidenceConditionGetsFixedPointsUnderItsFirstTestCondition() =>
        AssertOneStableFixedPointPerInput(
            Tasks.Files.TaskFiles.Create(File.ReadAllText(TestSupport.RepositoryPaths.Of("examples", "tasks", "go-no-go.json")), "go-no-go.json"),
            [("fixation/delay/response", [0.2, 0.2]), ("cue", [1.2, 0.2])]);

    private static async Task AssertOneStableFixedPointPerInput(Tasks.Contract.ICognitiveTask task, (string Periods, double[] Drive)[] expectedInputs)
    {
        using var tmp = new TempFolder();
        const int n = 10;
        var spec = TestNetworks.Spec(n, 2, 2, dale: true);
        // W_rec = 0: F(x) = (−x + W_in ũ + b)/τ has the single root x* = W_in ũ + b with Jacobian −I/τ (docs/analysis.md#fixed-and-slow-points).
        float[] wIn = Enumerable.Range(0, n * 2).Select(i => 0.1f * (i % 7)).ToArray();
        float[] bRec = Enumerable.Range(0, n).Select(i => 0.05f * (i - 4)).ToArray();
        float[] wOut = Enumerable.Range(0, 2 * n).Select(i => spec.Sign(i % n) * 0.1f).ToArray();
        var weights = TestNetworks.Weights(spec, new float[n * n], wIn, bRec, wOut);
        var network = TrainedNetwork.Rate(spec, weights, new TrainingRecord("rdm-fixed", "pycog", 0, "percent_correct", 0, 0.85, false), 1);
        string model = tmp.Sub("model.onnx");
        Onnx.Export.ModelExporter.Save(network, model);
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10)], 20, seed: 31,
            new SyntheticShape(N: n, SaveR: true, ModelSha256: ModelFileHash.Sha256(model)));

        var result = await AnalysisRun.RunAsync(new AnalysisRequest
        {
            DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), ModelPath = model, BootstrapResamples = 20,
            // Built by the caller from the task (the CLI does this for analyze); the analysis reads no task code.
            FixedPointInputs = Tasks.Contract.EpochInputs.Of(task, 0.5f,
                Core.Random.RandomStream.Derive(1, "analysis/fixed-points/epoch-inputs")),
        });

        // With W_rec = 0 each constant input has the single root W_in ũ + b.
        CollectionAssert.AreEquivalent(expectedInputs.Select(e => e.Periods).ToArray(), result.FixedPoints.Select(p => p.Input).Distinct().ToArray());
        foreach (var (periods, u) in expectedInputs)
        {
            double[] expected = Enumerable.Range(0, n).Select(i => u[0] * wIn[2 * i] + u[1] * wIn[2 * i + 1] + bRec[i]).ToArray();
            var fixedPoints = result.FixedPoints.Where(p => p.Input == periods && p.Kind == "fixed").ToArray();
            Assert.AreEqual(1, fixedPoints.Length, $"{periods}: one fixed point; all start points merge into it");
            Assert.AreEqual(Math.Sqrt(expected.Sum(v => v * v)), fixedPoints[0].StateNorm, 1e-6);
            Assert.AreEqual(-1.0 / 100, fixedPoints[0].MaxRealEigenvalue, 1e-9, "eigenvalues of −I/τ");
            Assert.AreEqual(0, fixedPoints[0].UnstableDirections);
            Assert.AreEqual(100, fixedPoints[0].StartsMerged + result.FixedPoints.Where(p => p.Input == periods && p.Kind == "slow").Sum(p => p.StartsMerged));
            Assert.AreEqual(expected.Count(v => v > 0), fixedPoints[0].ActiveUnits);
            // Readout of x*: W_out [x*]+ (b_out = 0).
            double[] z = new[] { 0, 1 }.Select(o => Enumerable.Range(0, n).Sum(j => wOut[o * n + j] * Math.Max(expected[j], 0))).ToArray();
            Assert.AreEqual(z[0] >= z[1] ? 0 : 1, fixedPoints[0].Choice);
            Assert.AreEqual(Math.Abs(z[0] - z[1]), fixedPoints[0].ReadoutMargin, 1e-6);
        }

        var table = await ResultTableReader.ReadAsync(Path.Combine(tmp.Sub("out"), "tables", "fixed_points.parquet"));
        Assert.AreEqual(result.FixedPoints.Count, table.Rows);
        Assert.IsTrue(File.Exists(Path.Combine(tmp.Sub("out"), "connectivity.png")), "sorted connectivity with --model and saved r");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(tmp.Sub("out"), "index.html")), "connectivity.png");
    }
}
