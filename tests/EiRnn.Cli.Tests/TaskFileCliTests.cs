using System.Text.Json;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `--task-file` (docs/task-files.md): a tiny training from a task file, then `simulate` and `sweep` with the file
/// deleted — the model carries it (docs/task-files.md#models).
/// </summary>
[TestClass]
public sealed class TaskFileCliTests
{
    [TestMethod]
    public void ModelTrainedFromATaskFileSimulatesAndSweepsWithoutTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-taskfile-").FullName;
        try
        {
            string file = Path.Combine(dir, "my-rdm.json");
            File.Copy(Path.Combine(SchemaTests.RepoRoot(), "examples", "tasks", "rdm-fixed.json"), file);

            var list = CliProcess.Run("tasks", "--task-file", file);
            Assert.AreEqual(0, list.ExitCode, list.StdErr);
            StringAssert.Contains(list.StdOut, "file:rdm-fixed:");

            string cfg = Path.Combine(dir, "train.json");
            File.WriteAllText(cfg, """{ "n": 10, "max_updates": 2, "validation_trials": 4 }""");
            string run = Path.Combine(dir, "run");
            var train = CliProcess.Run("train", "--task-file", file, "--config", cfg, "--out", run);
            Assert.AreEqual(0, train.ExitCode, train.StdOut + train.StdErr);
            using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "train-summary.json"))))
                Assert.AreEqual("file:rdm-fixed", summary.RootElement.GetProperty("task").GetString());

            File.Delete(file);
            string model = Path.Combine(run, "model.onnx");
            string data = Path.Combine(dir, "data");
            var sim = CliProcess.Run("simulate", "--model", model, "--out", data, "--trials-per-condition", "2", "--dt", "20", "--dt-save", "20", "--save", "z");
            Assert.AreEqual(0, sim.ExitCode, sim.StdOut + sim.StdErr);
            using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "manifest.json"))))
                Assert.AreEqual("file:rdm-fixed", manifest.RootElement.GetProperty("task").GetString());

            string spec = Path.Combine(dir, "sweep.json");
            File.WriteAllText(spec, """
                { "trials_per_condition": 1, "conditions": [0, 10], "seeds": [4], "dt_ms": 20, "dt_save_ms": 40, "save": ["z"],
                  "perturbations": [ { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": 0.5 } ] } ] }
                """);
            var sweep = CliProcess.Run("sweep", "--model", model, "--spec", spec, "--out", Path.Combine(dir, "sweep"));
            Assert.AreEqual(0, sweep.ExitCode, sweep.StdOut + sweep.StdErr);

            // Without a model, the deleted file is named in one line (exit 2).
            var missing = CliProcess.Run("tasks", "--task-file", file);
            Assert.AreEqual(2, missing.ExitCode, missing.StdOut + missing.StdErr);
            StringAssert.Contains(missing.StdErr, "my-rdm.json");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
