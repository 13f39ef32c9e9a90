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

    /// <summary>Closed sets on the command line are typed options: any other word is a one-line parse error naming the option (exit 2).</summary>
    [TestMethod]
    [DataRow("'--device'", "simulate", "--model", "m.onnx", "--out", "d", "--device", "gpu")]
    [DataRow("'--timing'", "simulate", "--model", "m.onnx", "--out", "d", "--timing", "later")]
    [DataRow("'--save'", "simulate", "--model", "m.onnx", "--out", "d", "--save", "r")]
    [DataRow("'--strategy'", "sweep", "--model", "m.onnx", "--spec", "s.json", "--out", "d", "--strategy", "fast")]
    [DataRow("'--from'", "import", "--from", "keras", "w.npz", "--out", "m.onnx")]
    [DataRow("'--transfer'", "import", "--from", "psychrnn", "w.npz", "--out", "m.onnx", "--transfer", "elu")]
    [DataRow("'--to'", "export", "--to", "keras", "m.onnx", "--out", "w.npz")]
    [DataRow("'kind'", "schema", "sweep")]
    [DataRow("'--from'", "pipeline", "--from", "training")]
    [DataRow("'--to'", "pipeline", "--to", "report")]
    public void ClosedSetOptionRejectsOtherWords(string option, params string[] args)
    {
        var r = InProcessCli.Run(args);
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        // A parse error is one line, followed by the usage hint every command-line error gets.
        var lines = r.StdErr.Trim().Split('\n');
        Assert.HasCount(2, lines, r.StdErr);
        StringAssert.Contains(lines[0], option);
        StringAssert.Contains(lines[0], "must be");
        StringAssert.StartsWith(lines[1], "Run 'eirnn --help'");
    }

    /// <summary>Help spells enum values and their defaults as the config files do (not [default: Cpu]).</summary>
    [TestMethod]
    [DataRow("simulate", "[default: cpu]", "[default: test]", "[default: z,r]", "cpu|cuda", "serial|lanes|pipelined")]
    [DataRow("pipeline", "[default: train]", "[default: analyze]", "train|export|simulate|analyze")]
    [DataRow("import", "psychrnn|npz", "relu|tanh|sigmoid")]
    public void HelpShowsClosedSetsInConfigSpelling(string verb, params string[] expected)
    {
        var r = InProcessCli.Run(verb, "--help");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        foreach (var text in expected) StringAssert.Contains(r.StdOut, text);
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(r.StdOut, @"\[default: [A-Z]"), "a PascalCase default: " + r.StdOut);
    }

    private static void AssertOneLineError(CliProcess.Result r, string mustContain)
    {
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        StringAssert.Contains(r.StdErr, mustContain);
        Assert.IsFalse(r.StdErr.Contains("   at "), "no stack trace: " + r.StdErr);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, "one line: " + r.StdErr);
    }
}
