using System.Text.Json;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `--task-assembly`: the README's example task (examples/CustomTask, built next to these tests) trains and
/// simulates through the CLI; every loading problem exits 2 with one line naming the file.
/// </summary>
[TestClass]
public sealed class CustomTaskTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "GoNoGoTask.dll");

    [TestMethod]
    public void ExampleTaskIsListedTrainedAndSimulated()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-custom-").FullName;
        try
        {
            var list = CliProcess.Run("tasks", "go-no-go", "--task-assembly", Example);
            Assert.AreEqual(0, list.ExitCode, list.StdErr);
            StringAssert.Contains(list.StdOut, "delay_ms (number) [200]");
            StringAssert.Contains(list.StdOut, "go_probability (number) [0.5]");

            string cfg = Path.Combine(dir, "train.json");
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 10 }, "max_updates": 3, "validation_trials": 4, "task_options": { "delay_ms": 100 } }""");
            string run = Path.Combine(dir, "run");
            var train = CliProcess.Run("train", "--task", "go-no-go", "--task-assembly", Example, "--config", cfg, "--out", run);
            Assert.AreEqual(0, train.ExitCode, train.StdOut + train.StdErr);
            using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "train-summary.json"))))
            {
                Assert.AreEqual("go-no-go", summary.RootElement.GetProperty("task").GetString());
                Assert.AreEqual(3 * 20, summary.RootElement.GetProperty("trials_trained").GetInt64(), "3 updates of the task's batch of 20");
                Assert.AreEqual(100, summary.RootElement.GetProperty("task_options").GetProperty("delay_ms").GetDouble());
            }

            string data = Path.Combine(dir, "data");
            var sim = CliProcess.Run("simulate", "--model", Path.Combine(run, "model.onnx"), "--task-assembly", Example, "--out", data,
                "--trials-per-condition", "2", "--dt", "10", "--save", "z");
            Assert.AreEqual(0, sim.ExitCode, sim.StdOut + sim.StdErr);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "manifest.json")));
            Assert.AreEqual("go-no-go", manifest.RootElement.GetProperty("task").GetString());
            // 100 ms fixation + 300 ms cue + 100 ms delay (the trained option, not the default 200) + 300 ms response.
            StringAssert.Contains(manifest.RootElement.GetRawText(), "response");
            Assert.AreEqual(800.0, manifest.RootElement.GetProperty("sample_times_ms").EnumerateArray().Last().GetDouble(), 1e-6);

            // Without the assembly the model's task is unknown, and the message says what is missing.
            var missing = CliProcess.Run("simulate", "--model", Path.Combine(run, "model.onnx"), "--out", Path.Combine(dir, "none"));
            AssertOneLineError(missing, "--task-assembly");
            Assert.IsFalse(Directory.Exists(Path.Combine(dir, "none", "trials")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public async Task ExampleTaskRunsThroughThePipelineAndAnalyze()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-custom-pipeline-").FullName;
        try
        {
            // A private copy of the assembly: the pipeline must notice when the task's code changes.
            string dll = Path.Combine(dir, "GoNoGoTask.dll");
            File.Copy(Example, dll);
            string cfg = Path.Combine(dir, "pipeline.json"), outDir = Path.Combine(dir, "out");
            File.WriteAllText(cfg, $$"""
                {
                  "out": "{{outDir.Replace("\\", "/")}}",
                  "train": { "task": "go-no-go", "seed": 3, "config": { "network": { "type": "rate", "n": 10 }, "max_updates": 2, "validation_trials": 4, "task_options": { "delay_ms": 100 } } },
                  "simulate": { "trials_per_condition": 3, "dt_ms": 10, "dt_save_ms": 20 },
                  "analyze": { "bootstrap_resamples": 0 }
                }
                """);

            // Without the assembly the task is unknown: exit 2 before anything is written.
            AssertOneLineError(CliProcess.Run("pipeline", cfg), "--task-assembly");
            Assert.IsFalse(Directory.Exists(outDir), "nothing written");

            var first = CliProcess.Run("pipeline", cfg, "--task-assembly", dll);
            Assert.AreEqual(0, first.ExitCode, first.StdOut + first.StdErr);
            StringAssert.Contains(first.StdOut, "ran train, export, simulate, analyze");
            // Two test conditions (go, no-go) × 3 trials.
            Assert.HasCount(2 * 3, await PipelineEveryTaskTests.TrialIdsAsync(Path.Combine(outDir, "dataset")));
            StringAssert.Contains(File.ReadAllText(Path.Combine(outDir, "report", "index.html")), "EiRnnPipeline analysis: go-no-go");
            StringAssert.Contains(CliProcess.Run("pipeline", cfg, "--task-assembly", dll).StdOut, "nothing to do");

            // Changed task code (same bytes plus trailing padding, which the loader ignores): training and simulation
            // run again although their settings did not change. Training is deterministic, so the model and the
            // dataset come out the same and analyze stays skipped.
            await File.AppendAllTextAsync(dll, new string('\0', 16));
            var rebuilt = CliProcess.Run("pipeline", cfg, "--task-assembly", dll);
            Assert.AreEqual(0, rebuilt.ExitCode, rebuilt.StdOut + rebuilt.StdErr);
            StringAssert.Contains(rebuilt.StdOut, "ran train, export, simulate\n");
            StringAssert.Contains(rebuilt.StdOut, "analyze: unchanged, skipped");

            // analyze without --model takes the task's inputs from the registry, which needs the assembly to know go-no-go.
            string Inputs(params string[] extra)
            {
                string report = Path.Combine(dir, $"report-{extra.Length}");
                var r = CliProcess.Run(["analyze", "--data", Path.Combine(outDir, "dataset"), "--out", report, "--bootstrap", "0", .. extra]);
                Assert.AreEqual(0, r.ExitCode, r.StdOut + r.StdErr);
                var html = File.ReadAllText(Path.Combine(report, "index.html"));
                int at = html.IndexOf("Inputs / outputs", StringComparison.Ordinal);
                Assert.IsGreaterThanOrEqualTo(0, at, "no inputs row in the report");
                return System.Text.RegularExpressions.Regex.Replace(html[at..(at + 60)], "<[^>]+>", " ");
            }
            StringAssert.Contains(Inputs("--task-assembly", dll), " 2 / 2 ");
            Assert.IsFalse(Inputs().Contains(" 2 / 2 "), "without the assembly the task's inputs are unknown");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void MissingFileExitsTwo() =>
        AssertOneLineError(CliProcess.Run("tasks", "--task-assembly", "/nonexistent/MyTasks.dll"), "MyTasks.dll does not exist");

    [TestMethod]
    public void FileThatIsNotAnAssemblyExitsTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"eirnn-not-an-assembly-{Guid.NewGuid():N}.dll");
        File.WriteAllText(path, "not a .NET assembly");
        try { AssertOneLineError(CliProcess.Run("tasks", "--task-assembly", path), "is not a .NET assembly"); }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void AssemblyWithoutTaskTypesExitsTwo() =>
        AssertOneLineError(CliProcess.Run("tasks", "--task-assembly", Path.Combine(AppContext.BaseDirectory, "EiRnn.Core.dll")), "has no task types");

    [TestMethod]
    public void TaskNamedLikeABuiltInExitsTwo()
    {
        var r = CliProcess.Run("train", "--task", "rdm-fixed", "--task-assembly", typeof(ClashingTask).Assembly.Location,
            "--out", Path.Combine(Path.GetTempPath(), "eirnn-clash-never-created"));
        AssertOneLineError(r, "'rdm-fixed'");
        StringAssert.Contains(r.StdErr, "clashes with the task of that name from built-in");
        Assert.IsFalse(Directory.Exists(Path.Combine(Path.GetTempPath(), "eirnn-clash-never-created")));
    }

    [TestMethod]
    public void SameTaskFromTwoAssembliesExitsTwo() =>
        AssertOneLineError(CliProcess.Run("tasks", "--task-assembly", Example, "--task-assembly", Example), "'go-no-go'");

    [TestMethod]
    [DataRow("examples/CustomTask/GoNoGoTask.cs")]
    [DataRow("examples/CustomTask/CustomTask.csproj")]
    public void ReadmeShowsTheExampleAsItIs(string file)
    {
        string root = SchemaTests.RepoRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int title = Array.IndexOf(readme, $"`{file}`");
        Assert.IsGreaterThanOrEqualTo(0, title, $"README.md has no `{file}` block");
        var block = readme.Skip(title + 2).TakeWhile(l => l != "```");
        var actual = File.ReadAllLines(Path.Combine(root, file));
        CollectionAssert.AreEqual(actual, block.ToArray(), $"README.md's copy of {file} differs from the file");
    }

    private static void AssertOneLineError(CliProcess.Result r, string mustContain)
    {
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        StringAssert.Contains(r.StdErr, mustContain);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, $"one line expected: {r.StdErr}");
    }
}
