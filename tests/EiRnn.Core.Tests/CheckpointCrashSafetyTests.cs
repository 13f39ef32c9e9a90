using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.TestSupport;

namespace EiRnn.Core.Tests;

/// <summary>
/// docs/checkpoints.md#crash-safety: whichever step of writing or switching a crash interrupts, the reader
/// finds the newest complete copy, and the next write cleans up what the crash left.
/// </summary>
[TestClass]
public sealed class CheckpointCrashSafetyTests
{
    private static Checkpoint Make(long updates)
    {
        var spec = RandomDaleNetwork.Create(1).Spec;
        var header = new CheckpointHeader
        {
            Spec = spec, Config = new TrainConfig { Task = "rdm-fixed" }, Updates = updates, Trials = updates * 20, Seed = 1,
            RandomStreams = new Dictionary<string, RandomStreamState> { ["train"] = new RandomStream(1).Capture() },
            NoiseGenerators = new Dictionary<string, string> { ["train"] = "AAAA" },
            Optimiser = new OptimiserState(OptimiserKind.Sgd, 0.01, 0.9, 0.999, 1e-8, 0.9, updates),
            Validations = [new ValidationRecord(updates, updates * 20, 1.0, 0.5, 0.1)],
            Progress = new TrainerProgress(1.0, updates, 0, 0, 1.0),
            Record = new TrainingRecord("rdm-fixed", "pycog", updates * 20, "performance", 0.5, 0.85, false, null),
        };
        return new Checkpoint(header, [new NamedArray("w", [2, 3], [1, 2, 3, 4, 5, (float)updates])]);
    }

    private static string NewFolder() => Directory.CreateTempSubdirectory("eirnn-ckpt-").FullName;

    /// <summary>A copy as a crash while writing it leaves it: data written, no header or marker yet.</summary>
    private static void WriteIncomplete(string folder, long updates)
    {
        Make(updates).Write(folder);
        File.Delete(Path.Combine(folder, Checkpoint.CompleteMarker));
        File.Delete(Path.Combine(folder, Checkpoint.HeaderFile));
    }

    [TestMethod]
    public void WriteReplacesTheCopyAndLeavesNothingBeside()
    {
        string dir = NewFolder();
        try
        {
            string last = Path.Combine(dir, "last");
            Make(1).Write(last);
            Make(2).Write(last);
            Assert.AreEqual(2, Checkpoint.Read(last).Header.Updates);
            Assert.AreEqual(2f, Checkpoint.Read(last).Array("w")[5]);
            CollectionAssert.AreEquivalent(new[] { "last" }, Directory.GetDirectories(dir).Select(Path.GetFileName).ToArray());
            Assert.IsTrue(File.Exists(Path.Combine(last, Checkpoint.CompleteMarker)), "the marker is part of the copy");
        }
        finally { Directory.Delete(dir, true); }
    }

    // Each row is a state a crash can leave on disk: which of last / last.new (complete or not) / last.old
    // exist, and which copy (by its update count) the reader must return.
    [TestMethod]
    [DataRow("crash while writing last.new", true, "incomplete", false, 1L)]
    [DataRow("crash after last.new is complete, before the switch", true, "complete", false, 1L)]
    [DataRow("crash after last -> last.old, before last.new -> last", false, "complete", true, 2L)]
    [DataRow("last.old left after the switch (crash before deleting it)", true, "none", true, 2L)]
    [DataRow("only last.old (last.new lost)", false, "none", true, 1L)]
    [DataRow("last.old and an incomplete last.new", false, "incomplete", true, 1L)]
    public void ReaderFindsTheNewestCompleteCopy(string state, bool current, string next, bool old, long expected)
    {
        string dir = NewFolder();
        try
        {
            string last = Path.Combine(dir, "last");
            // Copies: last holds update 1, except in the "switch finished" state, where last is update 2.
            bool switched = current && next == "none" && old;
            if (current) Make(switched ? 2 : 1).Write(last);
            if (old) { Make(1).Write(Path.Combine(dir, "tmp-old")); Directory.Move(Path.Combine(dir, "tmp-old"), last + ".old"); }
            if (next == "complete") { Make(2).Write(Path.Combine(dir, "tmp-new")); Directory.Move(Path.Combine(dir, "tmp-new"), last + ".new"); }
            if (next == "incomplete") { WriteIncomplete(Path.Combine(dir, "tmp-new"), 3); Directory.Move(Path.Combine(dir, "tmp-new"), last + ".new"); }

            Assert.IsTrue(Checkpoint.Exists(last), state);
            Assert.AreEqual(expected, Checkpoint.Read(last).Header.Updates, state);

            // The next write finishes or discards the interrupted switch and leaves exactly one copy.
            Make(9).Write(last);
            Assert.AreEqual(9, Checkpoint.Read(last).Header.Updates, state);
            CollectionAssert.AreEquivalent(new[] { "last" }, Directory.GetDirectories(dir).Select(Path.GetFileName).ToArray(), state);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void NoCompleteCopyIsNotACheckpoint()
    {
        string dir = NewFolder();
        try
        {
            string last = Path.Combine(dir, "last");
            WriteIncomplete(Path.Combine(dir, "tmp"), 1);
            Directory.Move(Path.Combine(dir, "tmp"), last + ".new");
            Assert.IsFalse(Checkpoint.Exists(last));
            Assert.ThrowsExactly<Errors.TrainingException>(() => Checkpoint.Read(last));
        }
        finally { Directory.Delete(dir, true); }
    }
}
