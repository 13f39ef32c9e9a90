using EiRnn.Cli.Seeds;

namespace EiRnn.Cli.Tests.Seeds;

/// <summary>docs/training.md#seeds-in-a-pipeline: train.seeds trains every seed; export, simulate and analyze take train.analyze_seed's.</summary>
[TestClass]
public sealed class PipelineSeedsTests
{
    private const string TrainConfig = """{ "network": { "type": "rate", "n": 20 }, "max_trials": 60, "validation_trials": 22, "validation_every": 1 }""";

    private static string Config(string outDir, string train) => $$"""
        {
          "out": "{{outDir.Replace("\\", "/")}}",
          "train": { "task": "rdm-fixed", {{train}}, "config": {{TrainConfig}} },
          "simulate": { "trials_per_condition": 2, "dt_ms": 10, "dt_save_ms": 20 },
          "analyze": { "seed": 2, "bootstrap_resamples": 10 }
        }
        """;

    [TestMethod]
    public void TrainsEverySeedAndCarriesTheAnalyzedOneOn() => TempFolder.Run("eirnn-pipeline-seeds-", dir =>
    {
        string cfg = Path.Combine(dir, "pipeline.json"), outDir = Path.Combine(dir, "out"), train = Path.Combine(outDir, "train");
        File.WriteAllText(cfg, Config(outDir, """ "seeds": [2, 3], "analyze_seed": 3, "threads": 2 """));
        var first = CliProcess.Run("pipeline", cfg);
        Assert.AreEqual(0, first.ExitCode, first.StdOut + first.StdErr);
        StringAssert.Contains(first.StdOut, "ran train, export, simulate, analyze");
        foreach (var seed in new[] { "2", "3" })
            Assert.IsTrue(File.Exists(Path.Combine(train, "seed-" + seed, "checkpoints", "best", "header.json")), $"seed {seed} trained\n{first.StdOut}");
        var rows = File.ReadAllLines(Path.Combine(train, SeedsReport.Csv));
        Assert.AreEqual(3, rows.Length, string.Join('\n', rows));
        StringAssert.StartsWith(rows[1], "2,0,");
        StringAssert.StartsWith(rows[2], "3,0,");
        Assert.IsTrue(File.Exists(Path.Combine(train, SeedsReport.Markdown)));

        // Derived independently: seed 3 trained on its own, as a user would, and the model its run wrote.
        string single = Path.Combine(dir, "single-3"), singleConfig = Path.Combine(dir, "train.json");
        File.WriteAllText(singleConfig, TrainConfig);
        var alone = CliProcess.Run("train", "--task", "rdm-fixed", "--config", singleConfig, "--seed", "3", "--threads", "1", "--out", single);
        Assert.AreEqual(0, alone.ExitCode, alone.StdErr);
        byte[] seed3 = File.ReadAllBytes(Path.Combine(single, "model.onnx"));
        CollectionAssert.AreEqual(seed3, File.ReadAllBytes(Path.Combine(outDir, "model.onnx")), "the pipeline's model is seed 3's");
        // The report's learning curve is the analyzed seed's run's (OUT/train itself has none).
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "report", "learning-curve.png")), "learning curve in the report");

        // Another analyzed seed: training is reused, everything after it re-runs on seed 2's checkpoint.
        File.WriteAllText(cfg, Config(outDir, """ "seeds": [2, 3], "analyze_seed": 2, "threads": 2 """));
        var second = CliProcess.Run("pipeline", cfg);
        Assert.AreEqual(0, second.ExitCode, second.StdOut + second.StdErr);
        StringAssert.Contains(second.StdOut, "pipeline: train: unchanged, skipped");
        StringAssert.Contains(second.StdOut, "ran export, simulate, analyze");
        byte[] model2 = File.ReadAllBytes(Path.Combine(outDir, "model.onnx"));
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(train, "seed-2", "model.onnx")), model2, "the pipeline's model is now seed 2's");
        CollectionAssert.AreNotEqual(seed3, model2, "the two seeds' models differ (else the comparisons could not tell them apart)");
    });

    [TestMethod]
    [DataRow(""" "seeds": [2, 3], "analyze_seed": 4 """, "train.analyze_seed", "must be one of train.seeds [2, 3], got 4")]
    [DataRow(""" "analyze_seed": 2 """, "train.analyze_seed", "no train.seeds")]
    [DataRow(""" "seeds": [] """, "train.seeds", "at least one seed")]
    [DataRow(""" "seed": 1, "seeds": [2] """, "train.seeds", "cannot be combined with train.seed")]
    [DataRow(""" "seeds": [2, 5, 2] """, "train.seeds", "seed 2 more than once")]
    [DataRow(""" "seeds": "1-5" """, "train.seeds", "expected a list")]
    public void BadSeedsExitTwoNamingTheField(string train, string field, string problem) => TempFolder.Run("eirnn-pipeline-seeds-bad-", dir =>
    {
        string cfg = Path.Combine(dir, "pipeline.json");
        File.WriteAllText(cfg, Config(Path.Combine(dir, "out"), train));
        var r = InProcessCli.Run("pipeline", cfg, "--print-config");
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        StringAssert.Contains(r.StdErr, $"'{field}'");
        StringAssert.Contains(r.StdErr, problem);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, r.StdErr);
    });

    [TestMethod]
    public void SeedDefaultsToOneWithoutSeeds() => TempFolder.Run("eirnn-pipeline-seeds-print-", dir =>
    {
        string cfg = Path.Combine(dir, "pipeline.json");
        File.WriteAllText(cfg, Config(Path.Combine(dir, "out"), """ "threads": 1 """));
        var r = InProcessCli.Run("pipeline", cfg, "--print-config");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "\"seed\": 1,");
    });
}
