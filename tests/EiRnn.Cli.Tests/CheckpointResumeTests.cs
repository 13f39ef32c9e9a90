using EiRnn.Core.Checkpoints;

namespace EiRnn.Cli.Tests;

/// <summary>docs/checkpoints.md#crash-safety: `train --resume` continues from the copy a crash in the middle of a
/// checkpoint switch left, and the next checkpoint write removes the leftovers.</summary>
[TestClass]
public sealed class CheckpointResumeTests
{
    [TestMethod]
    public void ResumeAfterACrashBetweenTheRenames()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-resume-crash-").FullName;
        try
        {
            string run = Path.Combine(dir, "run"), cfg = Path.Combine(dir, "cfg.json");
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 60, "validation_trials": 22, "validation_every": 1 }""");
            Assert.AreEqual(0, CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", run).ExitCode);
            string last = Path.Combine(run, "checkpoints", "last");
            long updates = Checkpoint.Read(last).Header.Updates;

            // The state after "last -> last.old", before "last.new -> last", with the new copy lost half-written.
            Directory.Move(last, last + ".old");
            Directory.CreateDirectory(last + ".new");
            File.WriteAllBytes(Path.Combine(last + ".new", "arrays.f32"), new byte[16]);

            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 100, "validation_trials": 22, "validation_every": 1 }""");
            var r = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", run, "--resume");
            Assert.AreEqual(0, r.ExitCode, r.StdErr);
            Assert.IsTrue(Checkpoint.Read(last).Header.Updates > updates, "training continued from the previous copy");
            CollectionAssert.AreEquivalent(new[] { "best", "last" },
                Directory.GetDirectories(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).ToArray(), "leftovers removed");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
