namespace EiRnn.Cli.Tests;

/// <summary>User errors exit 2 with one line naming the field or file, and never print a stack trace.</summary>
[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    [DataRow("""{ "learning_rat": 0.1 }""", "learning_rat")]
    [DataRow("""{ "network": { "type": "rate", "tau_ms": -5 } }""", "network.tau_ms")]
    [DataRow("""{ "network": { "type": "rate", "excitatory_fraction": 1.5 } }""", "network.excitatory_fraction")]
    [DataRow("""{ "network": { "type": "lstm", "tau_ms": 100 } }""", "network.tau_ms")]
    [DataRow("""{ "tau_ms": 100 }""", "tau_ms")]
    [DataRow("""{ "task_options": { "areas": true } }""", "task_options.areas")]
    [DataRow("""{ "curriculum": { "stages": [ { "task_options": { "coherences": [0.5] } } ] } }""", "curriculum.stages[0].task_options.coherences")]
    [DataRow("""{ "curriculum": { "stages": [ { "treshold": 0.9 } ] } }""", "curriculum.stages[0].treshold")]
    public void BadTrainConfigExitsTwoNamingTheField(string json, string field)
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-badcfg-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "bad.json");
            File.WriteAllText(cfg, json);
            var r = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", Path.Combine(dir, "run"));
            AssertOneLineError(r, field);
            Assert.IsFalse(Directory.Exists(Path.Combine(dir, "run", "checkpoints")), "nothing may be written for a bad config");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void MissingTaskExitsTwoNamingTheField()
    {
        var r = CliProcess.Run("train", "--out", Path.Combine(Path.GetTempPath(), "eirnn-never-created"));
        AssertOneLineError(r, "'task'");
    }

    [TestMethod]
    public void CudaInACpuBuildExitsTwoWithBuildHint()
    {
        string model = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");
        var r = CliProcess.Run("simulate", "--model", model, "--out", Path.Combine(Path.GetTempPath(), "eirnn-cuda-never"), "--device", "cuda");
        AssertOneLineError(r, "OrtFlavor=Gpu");
        Assert.IsFalse(Directory.Exists(Path.Combine(Path.GetTempPath(), "eirnn-cuda-never", "trials")), "no silent CPU fallback");
    }

    [TestMethod]
    public void TruncatedModelExitsTwo()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-badmodel-").FullName;
        try
        {
            string model = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");
            string broken = Path.Combine(dir, "broken.onnx");
            var bytes = File.ReadAllBytes(model);
            File.WriteAllBytes(broken, bytes[..(bytes.Length / 2)]);
            AssertOneLineError(CliProcess.Run("inspect", broken), "broken.onnx");
            AssertOneLineError(CliProcess.Run("simulate", "--model", broken, "--out", Path.Combine(dir, "ds")), "broken.onnx");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static void AssertOneLineError(CliProcess.Result r, string mustContain)
    {
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        StringAssert.Contains(r.StdErr, mustContain);
        Assert.IsFalse(r.StdErr.Contains("   at "), "no stack trace: " + r.StdErr);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, "one line: " + r.StdErr);
    }
}
