using System.Diagnostics;
using EiRnn.Core.Checkpoints;
using EiRnn.Data.Reading;

namespace EiRnn.Cli.Tests;

/// <summary>
/// docs/errors.md#the-io-boundary: every writing verb, pointed at a full file system (a 600 kB tmpfs), exits 2
/// with one line naming the file and the operation, and what it completed before stays readable: the previous
/// checkpoint, the dataset's finished work units. Needs root (mount); otherwise inconclusive.
/// </summary>
[TestClass]
public sealed class FullDiskTests
{
    private static readonly string Model = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");

    [TestMethod]
    public async Task SimulateIntoAFullDiskKeepsTheFinishedUnits()
    {
        using var disk = SmallDisk.Mount();
        string ds = Path.Combine(disk.Path, "ds");
        var r = InProcessCli.Run("simulate", "--model", Model, "--out", ds, "--trials-per-condition", "2", "--dt", "10",
            "--trials-per-unit", "2", "--save", "z,r");
        AssertDiskFull(r, disk.Path);
        Assert.IsTrue(await CountTrials(ds) > 0, "the units finished before the disk filled up stay readable");
    }

    [TestMethod]
    public async Task SweepIntoAFullDiskKeepsTheFinishedUnits()
    {
        using var disk = SmallDisk.Mount();
        string spec = Path.Combine(Path.GetTempPath(), $"eirnn-fulldisk-spec-{Environment.ProcessId}.json");
        File.WriteAllText(spec, """
            { "trials_per_condition": 2, "trials_per_unit": 2, "dt_ms": 10, "save": ["z", "r"],
              "perturbations": [ { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": [0.5, 1.5] } ] } ] }
            """);
        try
        {
            string ds = Path.Combine(disk.Path, "sweep");
            AssertDiskFull(InProcessCli.Run("sweep", "--model", Model, "--spec", spec, "--out", ds), disk.Path);
            Assert.IsTrue(await CountTrials(ds) > 0, "the units finished before the disk filled up stay readable");
        }
        finally { File.Delete(spec); }
    }

    [TestMethod]
    public void AnalyzeIntoAFullDisk()
    {
        string data = Directory.CreateTempSubdirectory("eirnn-fulldisk-data-").FullName;
        try
        {
            Assert.AreEqual(0, InProcessCli.Run("simulate", "--model", Model, "--out", data, "--trials-per-condition", "2", "--dt", "10", "--save", "z").ExitCode);
            using var disk = SmallDisk.Mount();
            disk.FillLeaving(16 * 1024);
            AssertDiskFull(InProcessCli.Run("analyze", "--data", data, "--out", Path.Combine(disk.Path, "report"), "--bootstrap", "10"), disk.Path);
        }
        finally { Directory.Delete(data, recursive: true); }
    }

    [TestMethod]
    public void TrainIntoAFullDiskKeepsThePreviousCheckpoint()
    {
        using var disk = SmallDisk.Mount();
        string run = Path.Combine(disk.Path, "run"), cfg = Path.Combine(disk.Path, "cfg.json");
        File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 60, "validation_trials": 22, "validation_every": 1 }""");
        var first = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", run);
        Assert.AreEqual(0, first.ExitCode, first.StdErr);
        long updates = Checkpoint.Read(Path.Combine(run, "checkpoints", "last")).Header.Updates;

        File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 400, "validation_trials": 22, "validation_every": 1 }""");
        disk.FillLeaving(0);
        AssertDiskFull(CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", run, "--resume"), disk.Path);
        var kept = Checkpoint.Read(Path.Combine(run, "checkpoints", "last"));
        Assert.AreEqual(updates, kept.Header.Updates, "the previous checkpoint is still the readable one");
        Assert.IsNotNull(Checkpoint.Read(Path.Combine(run, "checkpoints", "best")));
    }

    private static void AssertDiskFull(CliProcess.Result r, string under)
    {
        // Progress lines (simulate, sweep) go to stderr too; the error is the one line starting with "eirnn:".
        var errors = r.StdErr.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("eirnn:", StringComparison.Ordinal)).ToArray();
        Console.WriteLine(string.Join("\n", errors));
        Assert.AreEqual(2, r.ExitCode, r.StdOut + r.StdErr);
        Assert.AreEqual(1, errors.Length, "one error line: " + r.StdErr);
        Assert.IsTrue(r.StdErr.TrimEnd().EndsWith(errors[0], StringComparison.Ordinal), "the error is the last line: " + r.StdErr);
        string err = errors[0];
        // The operation is named (not the last-resort "cannot access"), then the file.
        StringAssert.Matches(err, new System.Text.RegularExpressions.Regex("^eirnn: cannot (write|create|rename) '"));
        StringAssert.Contains(err, "'" + under, "names the file: " + err);
        StringAssert.Contains(err, "No space left on device");
    }

    private static async Task<int> CountTrials(string dataset)
    {
        var reader = DatasetReader.Open(dataset);
        int n = 0;
        foreach (string p in reader.Perturbations)
            await foreach (var _ in reader.ReadTrialsAsync(p)) n++;
        return n;
    }

    /// <summary>A 600 kB tmpfs, unmounted on dispose.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static SmallDisk Mount()
        {
            string dir = Directory.CreateTempSubdirectory("eirnn-fulldisk-").FullName;
            var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", dir);
            if (code != 0)
            {
                Directory.Delete(dir);
                Assert.Inconclusive($"cannot mount a small tmpfs (needs root): {output}");
            }
            return new SmallDisk(dir);
        }

        /// <summary>Fills the file system, then frees <paramref name="bytes"/> of it.</summary>
        public void FillLeaving(long bytes)
        {
            string filler = System.IO.Path.Combine(Path, "filler");
            using var f = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            var block = new byte[4096];
            try { while (true) f.Write(block); }
            catch (IOException) { }
            f.SetLength(Math.Max(0, f.Length - bytes));
        }

        public void Dispose()
        {
            Run("umount", "-l", Path);
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }

        private static (int Code, string Output) Run(string file, params string[] args)
        {
            try
            {
                var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                string output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return (p.ExitCode, output.Trim());
            }
            catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); }
        }
    }
}
