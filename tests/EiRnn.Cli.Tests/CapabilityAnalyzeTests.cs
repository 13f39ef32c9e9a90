using System.Text.Json.Nodes;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `analyze` composed from declared capabilities (docs/analysis.md#task-capabilities): a plug-in task that declares nothing
/// still gets the general analyses (figures, fixed points), and a dataset whose manifest predates capabilities (schema version 2) gets
/// them from the task registry, so its report has the same items.
/// </summary>
[TestClass]
public sealed class CapabilityAnalyzeTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "GoNoGoTask.dll");

    private static void Ok(CliProcess.Result r) => Assert.AreEqual(0, r.ExitCode, r.StdOut + r.StdErr);

    [TestMethod]
    public void PlugInTaskReportHasFigures()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-gonogo-analyze-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "train.json"), run = Path.Combine(dir, "run"), data = Path.Combine(dir, "data"), report = Path.Combine(dir, "report");
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 10 }, "max_updates": 3, "validation_trials": 4 }""");
            Ok(CliProcess.Run("train", "--task", "go-no-go", "--task-assembly", Example, "--config", cfg, "--out", run));
            string model = Path.Combine(run, "model.onnx");
            Ok(CliProcess.Run("simulate", "--model", model, "--task-assembly", Example, "--out", data, "--trials-per-condition", "4", "--dt", "10", "--dt-save", "20"));
            var analyze = CliProcess.Run("analyze", "--data", data, "--out", report, "--model", model, "--training", run, "--task-assembly", Example, "--bootstrap", "0");
            Ok(analyze);
            var snapshot = AnalysisSnapshot.Read(report);
            Console.WriteLine($"go-no-go: {snapshot.Figures.Count} figures ({string.Join(", ", snapshot.Figures)}), {snapshot.Tables.Count} tables, sections {string.Join(", ", snapshot.Sections)}");
            Assert.IsGreaterThan(0, snapshot.Figures.Count, analyze.StdOut);
            // Beyond the learning curve: the general analyses of the dataset itself.
            Assert.Contains("pca-trajectories.png", snapshot.Figures);
            Assert.Contains("Choice selectivity", snapshot.Sections);
            // go-no-go has no zero-evidence condition: fixed points under its first test condition's inputs.
            Assert.Contains("Fixed and slow points", snapshot.Sections);
            Assert.IsTrue(snapshot.Tables.ContainsKey("fixed_points.parquet"), string.Join(", ", snapshot.Tables.Keys));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void ManifestOfAnEarlierVersionTakesCapabilitiesFromTheRegistry()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-old-manifest-").FullName;
        try
        {
            string model = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-rt", "model.onnx"), data = Path.Combine(dir, "data");
            Ok(CliProcess.Run("simulate", "--model", model, "--out", data, "--trials-per-condition", "4", "--dt", "2", "--dt-save", "10"));
            Ok(CliProcess.Run("analyze", "--data", data, "--out", Path.Combine(dir, "new"), "--bootstrap", "0"));

            string path = Path.Combine(data, "manifest.json");
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            Assert.IsTrue(json.ContainsKey("capabilities"));
            Assert.IsTrue((bool)json["capabilities"]!["reaction_time"]!);
            json.Remove("capabilities");
            json["schema_version"] = 2;
            File.WriteAllText(path, json.ToJsonString());
            Ok(CliProcess.Run("analyze", "--data", data, "--out", Path.Combine(dir, "old"), "--bootstrap", "0"));

            var now = AnalysisSnapshot.Read(Path.Combine(dir, "new"));
            var old = AnalysisSnapshot.Read(Path.Combine(dir, "old"));
            Assert.Contains("Reaction time", old.Sections, "the reaction-time module comes from the registry's declaration");
            Assert.IsEmpty(old.Missing(now), string.Join("; ", old.Missing(now)));
            Assert.IsEmpty(now.Missing(old), string.Join("; ", now.Missing(old)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
