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
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 10 }, "max_updates": 2, "validation_trials": 4 }""");
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

    [TestMethod]
    public void PipelineTaskFileIsHashedByTheStageCache()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-taskfile-pipeline-").FullName;
        try
        {
            string file = Path.Combine(dir, "task.json"), cfg = Path.Combine(dir, "pipeline.json"), outDir = Path.Combine(dir, "out");
            string text = File.ReadAllText(Path.Combine(SchemaTests.RepoRoot(), "examples", "tasks", "go-no-go.json"));
            File.WriteAllText(file, text);
            File.WriteAllText(cfg, $$"""
                {
                  "out": "{{outDir.Replace("\\", "/")}}",
                  "train": { "task_file": "{{file.Replace("\\", "/")}}", "seed": 3, "config": { "network": { "type": "rate", "n": 10 }, "max_updates": 2, "validation_trials": 4 } },
                  "simulate": { "trials_per_condition": 2, "dt_ms": 20, "dt_save_ms": 20 }
                }
                """);
            var first = CliProcess.Run("pipeline", cfg, "--to", "simulate");
            Assert.AreEqual(0, first.ExitCode, first.StdOut + first.StdErr);
            StringAssert.Contains(first.StdOut, "ran train, export, simulate");
            StringAssert.Contains(CliProcess.Run("pipeline", cfg, "--to", "simulate").StdOut, "nothing to do");

            // One number of the task file changed: training and simulation are stale.
            File.WriteAllText(file, text.Replace("\"fixed\": 300 }, \"inputs\"", "\"fixed\": 200 }, \"inputs\""));
            Assert.AreNotEqual(text, File.ReadAllText(file));
            var changed = CliProcess.Run("pipeline", cfg, "--to", "simulate");
            Assert.AreEqual(0, changed.ExitCode, changed.StdOut + changed.StdErr);
            StringAssert.Contains(changed.StdOut, "ran train, export, simulate");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void BadTaskFileExitsTwoWithOneLineNamingTheKey()
    {
        string file = Path.Combine(Path.GetTempPath(), $"eirnn-bad-task-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(SchemaTests.RepoRoot(), "examples", "tasks", "rdm-fixed.json"))
            .Replace("\"fixed\": 800", "\"fixed\": -800"));
        try
        {
            var r = CliProcess.Run("train", "--task-file", file, "--out", Path.Combine(Path.GetTempPath(), "eirnn-bad-task-never"));
            Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
            StringAssert.Contains(r.StdErr, "'periods[1].duration.fixed'");
            Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, r.StdErr);
        }
        finally { File.Delete(file); }
    }
}
