using System.Text.Json;
using EiRnn.Onnx.Export;
using EiRnn.TestSupport;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `eirnn import` / `export --to psychrnn` as a user runs them: an imported PsychRNN network (NumPy-written fixture,
/// E units not first) goes through a perturbation sweep and `analyze` like a native network of the same task and
/// size; damaged files and impossible requests exit 2 with one line.
/// </summary>
[TestClass]
public sealed class ImportExportCliTests
{
    private static string _root = "";
    private static string Fixture(string name) => RepositoryPaths.Of("tests", "EiRnn.Interop.Tests", "Fixtures", name);

    private const string SweepSpec = """
        {
          "trials_per_condition": 2, "conditions": [0, 3], "save": ["z", "r"],
          "perturbations": [
            { "id": "no-i", "lesions": [ { "population": { "type": "I" } } ] },
            { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": 0.5 } ] },
          ],
        }
        """;

    [ClassInitialize]
    public static void Setup(TestContext _)
    {
        _root = Path.Combine(Path.GetTempPath(), $"eirnn-interop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void ImportedNetworkSweepsAndAnalyzesLikeANativeOne()
    {
        string imported = Path.Combine(_root, "imported.onnx");
        var r = CliProcess.Run("import", "--from", "psychrnn", Fixture("psychrnn_dale.npz"), "--dt", "10", "--tau", "100",
            "--task", "perceptual-discrimination", "--out", imported);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "units reordered");
        StringAssert.Contains(r.StdOut, "W_rec/Adam");

        string native = Path.Combine(_root, "native.onnx");
        ModelExporter.Save(RandomDaleNetwork.Create(5, n: 6, task: "perceptual-discrimination", dtTrainMs: 10, sigmaIn: 0, sigmaRec: 0.05f), native);

        string spec = Path.Combine(_root, "sweep.json"), nativeSpec = Path.Combine(_root, "sweep-native.json");
        File.WriteAllText(spec, SweepSpec); // no dt_ms: the imported model's own 10 ms
        File.WriteAllText(nativeSpec, SweepSpec.Replace("\"save\"", "\"dt_ms\": 10, \"save\""));
        var reports = new List<string[]>();
        foreach (var (model, specPath, name) in new[] { (imported, spec, "imported"), (native, nativeSpec, "native") })
        {
            string data = Path.Combine(_root, name + "-data"), report = Path.Combine(_root, name + "-report");
            var s = CliProcess.Run("sweep", "--model", model, "--spec", specPath, "--out", data);
            Assert.AreEqual(0, s.ExitCode, s.StdErr);
            var a = CliProcess.Run("analyze", "--data", data, "--out", report, "--model", model);
            Assert.AreEqual(0, a.ExitCode, a.StdErr);
            Assert.IsTrue(File.Exists(Path.Combine(report, "index.html")));
            reports.Add(Directory.GetFiles(report, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(report, f)).Order().ToArray());
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "manifest.json")));
            Assert.AreEqual(10.0, manifest.RootElement.GetProperty("dt_ms").GetDouble(), name);
            if (name == "imported")
            {
                StringAssert.Contains(s.StdErr, "the imported model's own dt");
                CollectionAssert.AreEqual(new[] { 1, 2, 4, 5, 0, 3 },
                    manifest.RootElement.GetProperty("source_units").EnumerateArray().Select(e => e.GetInt32()).ToArray());
            }
            else Assert.IsFalse(manifest.RootElement.TryGetProperty("source_units", out _));
        }
        CollectionAssert.AreEqual(reports[1], reports[0], "the same tables and figures");
    }

    [TestMethod]
    public void ImportWithATaskFileCarriesTheFileIntoTheModel()
    {
        // A copy of the example task file, deleted after the import: simulate must rebuild the task from the model.
        string taskFile = Path.Combine(_root, "pd-task.json"), model = Path.Combine(_root, "imported-file-task.onnx");
        File.Copy(RepositoryPaths.Of("examples", "tasks", "perceptual-discrimination.json"), taskFile);
        var r = CliProcess.Run("import", "--from", "psychrnn", Fixture("psychrnn_dale.npz"), "--dt", "10", "--tau", "100",
            "--task-file", taskFile, "--out", model);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "task file:");
        File.Delete(taskFile);
        string data = Path.Combine(_root, "file-task-data");
        var s = CliProcess.Run("simulate", "--model", model, "--out", data, "--trials-per-condition", "1");
        Assert.AreEqual(0, s.ExitCode, s.StdErr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "manifest.json")));
        StringAssert.StartsWith(manifest.RootElement.GetProperty("task").GetString(), "file:");
    }

    [TestMethod]
    public void DamagedWeightsExitTwoWithOneLineNamingTheArray()
    {
        var r = CliProcess.Run("import", "--from", "psychrnn", Fixture("damaged_nan.npz"), "--dt", "10", "--tau", "100", "--out", Path.Combine(_root, "x.onnx"));
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, r.StdErr);
        StringAssert.Contains(r.StdErr, "array 'W_rec'[2, 3] is NaN");
    }

    [TestMethod]
    public void DiscreteTimeNetworkRefusesAnotherDt()
    {
        string spec = Path.Combine(_root, "discrete.json"), model = Path.Combine(_root, "discrete.onnx");
        File.WriteAllText(spec, """{ "dt_ms": 10, "tau_ms": 10, "hidden": "tanh", "task": "perceptual-discrimination" }""");
        var w = Path.Combine(_root, "discrete.npz");
        // A 7-unit, 2-input bundle with 2 outputs: take the bundle fixture's recurrent part and the Dale fixture's shapes.
        File.Copy(Fixture("bundle_tanh.npz"), w);
        var r = CliProcess.Run("import", "--from", "npz", w, "--spec", spec, "--out", model);
        Assert.AreEqual(2, r.ExitCode, "the bundle has 3 outputs; perceptual-discrimination has 2: " + r.StdErr);
        File.WriteAllText(spec, """{ "dt_ms": 10, "tau_ms": 10, "hidden": "tanh" }""");
        r = CliProcess.Run("import", "--from", "npz", w, "--spec", spec, "--task", "", "--out", model);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        var sim = CliProcess.Run("simulate", "--model", model, "--task", "rdm-fixed", "--dt", "5", "--out", Path.Combine(_root, "discrete-sim"));
        Assert.AreEqual(2, sim.ExitCode, sim.StdErr);
        StringAssert.Contains(sim.StdErr, "discrete-time network");
    }

    [TestMethod]
    public void ExportToPsychRnnRefusesWhatItCannotExpressUnlessApproximating()
    {
        string model = RepositoryPaths.Of("models", "rdm-fixed", "model.onnx"), outPath = Path.Combine(_root, "rdm.npz");
        var r = CliProcess.Run("export", "--to", "psychrnn", model, "--out", outPath);
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "input baseline u0");
        Assert.IsFalse(File.Exists(outPath));
        r = CliProcess.Run("export", "--to", "psychrnn", model, "--out", outPath, "--approximate");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "approximated: input baseline u0 folded into b_rec");
        Assert.IsTrue(File.Exists(Path.Combine(_root, "rdm.params.json")));
    }
}
