namespace EiRnn.Cli.Tests;

/// <summary>The staged pipeline end to end on a tiny configuration, and its stage skipping.</summary>
[TestClass]
public sealed class PipelineTests
{
    private static string Config(string outDir, int trialsPerCondition) => $$"""
        {
          "out": "{{outDir.Replace("\\", "/")}}",
          "train": { "task": "rdm-fixed", "seed": 3, "threads": 1,
                     "config": { "network": { "type": "rate", "n": 20 }, "max_trials": 100, "validation_trials": 22, "validation_every": 2 } },
          "simulate": { "trials_per_condition": {{trialsPerCondition}}, "dt_ms": 10, "dt_save_ms": 20 },
          "analyze": { "seed": 2 }
        }
        """;

    [TestMethod]
    public void RunsEveryStageThenSkipsUnchangedOnes()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-pipeline-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "pipeline.json"), outDir = Path.Combine(dir, "out");
            File.WriteAllText(cfg, Config(outDir, 4));
            var first = CliProcess.Run(TimeSpan.FromMinutes(5), "pipeline", cfg);
            Assert.AreEqual(0, first.ExitCode, first.StdOut + first.StdErr);
            StringAssert.Contains(first.StdOut, "ran train, export, simulate, analyze");
            foreach (var f in new[] { "model.onnx", "train/train-summary.json", "dataset/manifest.json", "report/index.html", "report/psychometric.png" })
                Assert.IsTrue(File.Exists(Path.Combine(outDir, f)), f + " missing\n" + first.StdOut);
            var modelBytes = File.ReadAllBytes(Path.Combine(outDir, "model.onnx"));

            var second = CliProcess.Run(TimeSpan.FromMinutes(5), "pipeline", cfg);
            Assert.AreEqual(0, second.ExitCode, second.StdErr);
            StringAssert.Contains(second.StdOut, "nothing to do");

            // More trials: only simulate and analyze are stale; the model is untouched.
            File.WriteAllText(cfg, Config(outDir, 5));
            var third = CliProcess.Run(TimeSpan.FromMinutes(5), "pipeline", cfg);
            Assert.AreEqual(0, third.ExitCode, third.StdErr);
            StringAssert.Contains(third.StdOut, "ran simulate, analyze");
            CollectionAssert.AreEqual(modelBytes, File.ReadAllBytes(Path.Combine(outDir, "model.onnx")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void UnknownStageNameExitsTwo()
    {
        var r = CliProcess.Run("pipeline", "--from", "training");
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "'--from'");
    }

    [TestMethod]
    public void ExportFromCheckpointEqualsTheModelTrainWrote()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-export-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "train.json"), run = Path.Combine(dir, "run"), exported = Path.Combine(dir, "again.onnx");
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 60, "validation_trials": 22, "validation_every": 1 }""");
            var train = CliProcess.Run("train", "--task", "rdm-fixed", "--out", run, "--config", cfg, "--seed", "5");
            Assert.AreEqual(0, train.ExitCode, train.StdOut + train.StdErr);
            var export = CliProcess.Run("export", "--checkpoint", run, "--out", exported);
            Assert.AreEqual(0, export.ExitCode, export.StdErr);
            // The plain-C# effective weights of the checkpoint must give the very bytes the trainer exported.
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(run, "model.onnx")), File.ReadAllBytes(exported));
            var inspect = CliProcess.Run("inspect", exported);
            Assert.AreEqual(0, inspect.ExitCode, inspect.StdErr);
            StringAssert.Contains(inspect.StdOut, "Dale check : ok");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
