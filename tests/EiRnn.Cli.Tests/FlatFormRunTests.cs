using EiRnn.Core.Checkpoints;

namespace EiRnn.Cli.Tests;

/// <summary>
/// Runs written at commit 1df30a3 with the flat train config (checkpoint format 1, Fixtures/flat-config-runs)
/// stay usable: `train --resume` with the same config in the network-block form continues them exactly as an
/// uninterrupted run of today's build, `export` reads them, and a changed setting is still named by its path.
/// </summary>
[TestClass]
public sealed class FlatFormRunTests
{
    private const string Common = """ "dt_ms": 50, "batch_size": 4, "validation_trials": 8, "validation_every": 2 """;

    /// <summary>The fixture's flat-config.json in the network-block form, with <paramref name="maxUpdates"/>.</summary>
    private static string Config(string arch, int maxUpdates, string rateSigma = "0.2") => arch == "rate"
        ? $$"""{ "network": { "type": "rate", "n": 10, "sigma_rec": {{rateSigma}}, "lambda_omega": 0 }, {{Common}}, "max_updates": {{maxUpdates}} }"""
        : $$"""{ "network": { "type": "lstm", "n": 6 }, {{Common}}, "max_updates": {{maxUpdates}} }""";

    private static string CopyOfFixture(string root, string arch)
    {
        string from = Path.Combine(SchemaTests.RepoRoot(), "tests", "EiRnn.Cli.Tests", "Fixtures", "flat-config-runs", arch);
        string to = Path.Combine(root, $"old-{arch}");
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return to;
    }

    private static CliProcess.Result Train(string root, string arch, string run, string config, bool resume)
    {
        string cfg = Path.Combine(root, $"{arch}-{Guid.NewGuid():N}.json");
        File.WriteAllText(cfg, config);
        string[] args = ["train", "--task", "rdm-fixed", "--seed", "3", "--config", cfg, "--out", run];
        return CliProcess.Run(resume ? [.. args, "--resume"] : args);
    }

    [TestMethod]
    [DataRow("rate")]
    [DataRow("lstm")]
    public void ResumingAFormatOneRunEqualsTrainingStraightThrough(string arch)
    {
        string root = Directory.CreateTempSubdirectory("eirnn-flat-run-").FullName;
        try
        {
            string old = CopyOfFixture(root, arch), fresh = Path.Combine(root, "fresh");
            Assert.AreEqual("eirnn-checkpoint/2", Checkpoint.Read(Path.Combine(old, "checkpoints", "last")).Header.Format, "read through the converter");
            var resumed = Train(root, arch, old, Config(arch, 8), resume: true);
            Assert.AreEqual(0, resumed.ExitCode, resumed.StdErr);
            Assert.AreEqual(0, Train(root, arch, fresh, Config(arch, 8), resume: false).ExitCode);
            string curve = File.ReadAllText(Path.Combine(old, "learning-curve.csv"));
            Assert.AreEqual(File.ReadAllText(Path.Combine(fresh, "learning-curve.csv")), curve, "validation costs bit for bit");
            Assert.AreEqual(6, curve.Trim().Split('\n').Length, "header + validations at 0, 2, 4 (1df30a3) and 6, 8 (today)");
            var a = Checkpoint.Read(Path.Combine(old, "checkpoints", "last"));
            var b = Checkpoint.Read(Path.Combine(fresh, "checkpoints", "last"));
            foreach (var (name, array) in b.Arrays)
                CollectionAssert.AreEqual(array.Data, a.Arrays[name].Data, name);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [TestMethod]
    public void AFormatOneCheckpointExportsAndAChangedKeyIsNamedByItsPath()
    {
        string root = Directory.CreateTempSubdirectory("eirnn-flat-run-").FullName;
        try
        {
            string old = CopyOfFixture(root, "rate");
            var export = CliProcess.Run("export", "--checkpoint", old, "--out", Path.Combine(root, "model.onnx"));
            Assert.AreEqual(0, export.ExitCode, export.StdErr);
            var changed = Train(root, "rate", old, Config("rate", 8, rateSigma: "0.1"), resume: true);
            Assert.AreEqual(2, changed.ExitCode, changed.StdErr);
            StringAssert.Contains(changed.StdErr, "'network.sigma_rec' differs from the checkpoint being resumed");
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
