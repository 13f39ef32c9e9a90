using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;

namespace EiRnn.Training.Tests;

/// <summary>docs/reproducibility.md: same seed → same bits; resume → same bits as not stopping.</summary>
[TestClass]
public sealed class ReproducibilityTests
{
    private static TrainConfig Config(OptimiserKind optimiser) =>
        TinyNetworks.Pycog(n: 12) with { Optimiser = optimiser, LearningRate = optimiser == OptimiserKind.Sgd ? 0.01 : 0.003, ValidationEvery = 10 };

    internal static void AssertSameState(Checkpoint expected, Checkpoint actual)
    {
        Assert.AreEqual(expected.Header.Updates, actual.Header.Updates);
        CollectionAssert.AreEqual(expected.Header.Validations.ToArray(), actual.Header.Validations.ToArray(), "validation history");
        CollectionAssert.AreEquivalent(expected.Arrays.Keys.ToArray(), actual.Arrays.Keys.ToArray());
        foreach (var (name, a) in expected.Arrays)
        {
            var b = actual.Arrays[name].Data;
            for (int k = 0; k < a.Data.Length; k++)
                Assert.AreEqual(BitConverter.SingleToInt32Bits(a.Data[k]), BitConverter.SingleToInt32Bits(b[k]), $"{name}[{k}] differs bitwise");
        }
        Assert.AreEqual(expected.Header.RandomStreams[Trainer.TrainTrials], actual.Header.RandomStreams[Trainer.TrainTrials]);
        Assert.AreEqual(expected.Header.NoiseGenerators[Trainer.TrainNoise], actual.Header.NoiseGenerators[Trainer.TrainNoise]);
    }

    [TestMethod]
    public void SameSeedTwiceGivesBitwiseIdenticalWeights()
    {
        var config = Config(OptimiserKind.Sgd);
        Checkpoint Run()
        {
            using var t = Trainer.Start(config, TinyNetworks.Task);
            TinyNetworks.Advance(t, 50);
            return t.CreateCheckpoint(best: false, false, 0);
        }
        var first = Run();
        AssertSameState(first, Run());
        // And a different seed gives different weights (the comparison can fail).
        using var other = Trainer.Start(config with { Seed = config.Seed + 1 }, TinyNetworks.Task);
        TinyNetworks.Advance(other, 50);
        CollectionAssert.AreNotEqual(first.Array(CheckpointArrayNames.WRecPlastic), other.CreateCheckpoint(false, false, 0).Array(CheckpointArrayNames.WRecPlastic));
    }

    [TestMethod]
    [DataRow(OptimiserKind.Sgd)]
    [DataRow(OptimiserKind.Adam)]
    public void TwentyStepsCheckpointResumeThirtyEqualsFiftyUninterrupted(OptimiserKind optimiser) =>
        ResumeThroughFilesAndCompare(Config(optimiser));

    /// <summary>
    /// Trains 20 updates, writes last/best to disk, resumes (with <paramref name="resumeWith"/>, default the same
    /// config) for 30 more and asserts the state equals 50 uninterrupted updates; returns the uninterrupted last state.
    /// </summary>
    internal static Checkpoint ResumeThroughFilesAndCompare(TrainConfig config, TrainConfig? resumeWith = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"eirnn-resume-{Guid.NewGuid():N}");
        try
        {
            using (var first = Trainer.Start(config, TinyNetworks.Task))
            {
                TinyNetworks.Advance(first, 20);
                first.CreateCheckpoint(best: false, false, 0).Write(Path.Combine(dir, "last"));
                first.CreateCheckpoint(best: true, false, 0).Write(Path.Combine(dir, "best"));
            }
            using var resumed = Trainer.Resume(resumeWith ?? config, TinyNetworks.Task, Checkpoint.Read(Path.Combine(dir, "last")), Checkpoint.Read(Path.Combine(dir, "best")));
            TinyNetworks.Advance(resumed, 30);
            using var straight = Trainer.Start(config, TinyNetworks.Task);
            TinyNetworks.Advance(straight, 50);
            var last = straight.CreateCheckpoint(false, false, 0);
            AssertSameState(last, resumed.CreateCheckpoint(false, false, 0));
            AssertSameState(straight.CreateCheckpoint(true, false, 0), resumed.CreateCheckpoint(true, false, 0));
            return last;
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ResumingWithADifferentConfigNamesTheField()
    {
        var config = Config(OptimiserKind.Sgd);
        using var t = Trainer.Start(config, TinyNetworks.Task);
        t.Validate();
        var cp = t.CreateCheckpoint(false, false, 0);
        var e = Assert.ThrowsExactly<Core.Errors.ConfigException>(() => Trainer.Resume(config with { LearningRate = 0.5 }, TinyNetworks.Task, cp, null));
        Assert.AreEqual("learning_rate", e.Field);
    }

    [TestMethod]
    public void ResumingMayExtendTheBudgetsAndStillEqualsAnUninterruptedRun()
    {
        var config = Config(OptimiserKind.Sgd) with { MaxWallSeconds = 60, MaxTrials = 400 };
        ResumeThroughFilesAndCompare(config, config with { MaxWallSeconds = 600, MaxTrials = 4000, MaxUpdates = 99 });
    }
}
