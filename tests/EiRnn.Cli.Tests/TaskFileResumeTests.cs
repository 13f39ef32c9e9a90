using EiRnn.Core.Checkpoints;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `train --resume` on a run trained from a task file takes the task from the checkpoint (docs/task-files.md#models): it
/// works with the file deleted and without --task-file, and refuses a --task-file whose text differs (exit 2).
/// </summary>
[TestClass]
public sealed class TaskFileResumeTests
{
    [TestMethod]
    public void ResumeReadsTheTaskFileFromTheCheckpoint() => TempFolder.Run("eirnn-taskfile-resume-", dir =>
    {
        string file = Path.Combine(dir, "my-go-no-go.json"), run = Path.Combine(dir, "run"), cfg = Path.Combine(dir, "train.json");
        string text = File.ReadAllText(Path.Combine(SchemaTests.RepoRoot(), "examples", "tasks", "go-no-go.json"));
        File.WriteAllText(file, text);
        File.WriteAllText(cfg, """{ "max_updates": 2, "validation_trials": 4, "network": { "type": "rate", "n": 10 } }""");
        var train = CliProcess.Run("train", "--task-file", file, "--config", cfg, "--out", run);
        Assert.AreEqual(0, train.ExitCode, train.StdOut + train.StdErr);
        string last = Path.Combine(run, "checkpoints", "last");
        Assert.AreEqual(2, Checkpoint.Read(last).Header.Updates);

        // Another file of the same name (the cue 200 ms instead of 300 ms): resuming on it is refused, in one line.
        string changed = text.Replace("""{ "name": "cue", "duration": { "fixed": 300 }""", """{ "name": "cue", "duration": { "fixed": 200 }""");
        Assert.AreNotEqual(text, changed, "the edit applies");
        File.WriteAllText(file, changed);
        File.WriteAllText(cfg, """{ "max_updates": 4, "validation_trials": 4, "network": { "type": "rate", "n": 10 } }""");
        var refused = CliProcess.Run("train", "--task-file", file, "--config", cfg, "--out", run, "--resume");
        Assert.AreEqual(2, refused.ExitCode, refused.StdOut + refused.StdErr);
        StringAssert.Contains(refused.StdErr, "differs from the task file embedded in");
        Assert.AreEqual(1, refused.StdErr.Trim().Split('\n').Length, refused.StdErr);
        Assert.AreEqual(2, Checkpoint.Read(last).Header.Updates, "nothing trained");

        // The file deleted, no --task-file: the checkpoint's copy is the task.
        File.Delete(file);
        var resumed = CliProcess.Run("train", "--config", cfg, "--out", run, "--resume");
        Assert.AreEqual(0, resumed.ExitCode, resumed.StdOut + resumed.StdErr);
        Assert.AreEqual(4, Checkpoint.Read(last).Header.Updates, "training continued");
        Assert.AreEqual("file:go-no-go", Checkpoint.Read(last).Header.Config.Task);
    });
}
