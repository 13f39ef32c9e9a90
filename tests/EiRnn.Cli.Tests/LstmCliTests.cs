using System.Text.Json;

namespace EiRnn.Cli.Tests;

/// <summary>
/// The LSTM baseline through the verbs: `train` with `"network": {"type": "lstm"}`, `inspect` and `export` of the
/// result, and the verbs that cannot take an LSTM (simulate, sweep, analyze --model, pipeline) refusing it
/// with exit code 2, one line, and nothing written.
/// </summary>
[TestClass]
public sealed class LstmCliTests
{
    private static string _root = "";

    private static string Run => Path.Combine(_root, "run");
    private static string Model => Path.Combine(Run, "model.onnx");

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _root = Directory.CreateTempSubdirectory("eirnn-lstm-cli-").FullName;
        string cfg = Path.Combine(_root, "lstm.json");
        File.WriteAllText(cfg, """
            { "network": { "type": "lstm", "n": 12 }, "batch_size": 8, "validation_trials": 22, "validation_every": 5, "max_updates": 15 }
            """);
        var r = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", Run, "--seed", "4");
        Assert.AreEqual(0, r.ExitCode, r.StdOut + r.StdErr);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    public void TrainWritesTheRunFilesAndInspectPrintsAnLstm()
    {
        foreach (var f in new[] { "model.onnx", "train-summary.json", "learning-curve.csv", "checkpoints/last/header.json", "checkpoints/best/arrays.f32" })
            Assert.IsTrue(File.Exists(Path.Combine(Run, f)), f + " missing");
        // Validation before the first update and every 5 of 15 updates: 4 rows after the header.
        Assert.HasCount(5, File.ReadAllLines(Path.Combine(Run, "learning-curve.csv")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "train-summary.json")));
        Assert.AreEqual(15 * 8, summary.RootElement.GetProperty("trials_trained").GetInt64());
        Assert.AreEqual("psychrnn", summary.RootElement.GetProperty("preset").GetString());
        Assert.AreEqual("max_updates", summary.RootElement.GetProperty("stop_reason").GetString());

        var r = CliProcess.Run("inspect", Model);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "network    : lstm, N 12 hidden units, Nin 2, Nout 2");
        StringAssert.Contains(r.StdOut, "eirnn.arch = lstm");
        StringAssert.Contains(r.StdOut, "seed 4");
        // (12 + 2)·12 per gate matrix, 4 × (168 + 12) with biases, + 2·12 readout + 2 output biases.
        StringAssert.Contains(r.StdOut, "parameters : 746 ");
    }

    [TestMethod]
    public void ExportOfTheBestCheckpointEqualsTheModelTrainWrote()
    {
        string again = Path.Combine(_root, "again.onnx");
        var r = CliProcess.Run("export", "--checkpoint", Run, "--out", again);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "lstm, N 12 hidden units");
        CollectionAssert.AreEqual(File.ReadAllBytes(Model), File.ReadAllBytes(again));
    }

    [TestMethod]
    public void SimulateAndSweepRefuseAnLstmModel()
    {
        string dataset = Path.Combine(_root, "sim");
        AssertRefused(CliProcess.Run("simulate", "--model", Model, "--out", dataset), "an lstm model cannot be simulated");
        Assert.IsFalse(Directory.Exists(dataset), "nothing written");
        string spec = Path.Combine(SchemaTests.RepoRoot(), "data", "sweeps", "rdm-fixed-example.json");
        string sweep = Path.Combine(_root, "sweep");
        AssertRefused(CliProcess.Run("sweep", "--model", Model, "--spec", spec, "--out", sweep), "an lstm model cannot be simulated");
        Assert.IsFalse(Directory.Exists(sweep), "nothing written");
    }

    [TestMethod]
    public void AnalyzeRefusesAnLstmModel()
    {
        // A real dataset (from the committed rate network), then the LSTM given as its model.
        string committed = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");
        string dataset = Path.Combine(_root, "rate-dataset");
        var sim = CliProcess.Run("simulate", "--model", committed, "--out", dataset, "--trials-per-condition", "2", "--dt", "10", "--dt-save", "20");
        Assert.AreEqual(0, sim.ExitCode, sim.StdErr);
        string report = Path.Combine(_root, "report");
        AssertRefused(CliProcess.Run("analyze", "--data", dataset, "--out", report, "--model", Model), "is an lstm model");
        Assert.IsFalse(Directory.Exists(report), "nothing written");
    }

    [TestMethod]
    public void PipelineThroughSimulateRefusesAnLstmBeforeTraining()
    {
        string outDir = Path.Combine(_root, "pipeline-out"), cfg = Path.Combine(_root, "pipeline.json");
        File.WriteAllText(cfg, $$"""
            { "out": "{{outDir.Replace("\\", "/")}}", "train": { "task": "rdm-fixed", "config": { "network": { "type": "lstm", "n": 8 } } } }
            """);
        AssertRefused(CliProcess.Run("pipeline", cfg), "train.config.network.type");
        Assert.IsFalse(Directory.Exists(outDir), "nothing written");
    }

    [TestMethod]
    public void TrainRefusesATaskOptionThatOnlyARateNetworkHas()
    {
        string outDir = Path.Combine(_root, "areas-out"), cfg = Path.Combine(_root, "areas.json");
        File.WriteAllText(cfg, """{ "network": { "type": "lstm", "n": 8 }, "task_options": { "areas": true } }""");
        AssertRefused(CliProcess.Run("train", "--task", "mante", "--config", cfg, "--out", outDir), "'task_options.areas'");
        Assert.IsFalse(Directory.Exists(outDir), "nothing written");
    }

    private static void AssertRefused(CliProcess.Result r, string mustContain)
    {
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        StringAssert.Contains(r.StdErr, mustContain);
        Assert.IsFalse(r.StdErr.Contains("   at "), "no stack trace: " + r.StdErr);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, "one line: " + r.StdErr);
    }
}
