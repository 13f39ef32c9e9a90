using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;

namespace EiRnn.Training.Tests;

[TestClass]
public sealed class CheckpointTests
{
    [TestMethod]
    [DataRow(Positivity.Rectify, true)]
    [DataRow(Positivity.AbsoluteValue, true)]
    [DataRow(Positivity.Rectify, false)]
    public void PlainCSharpEffectiveWeightsEqualTheTorchSharpOnes(Positivity positivity, bool dale)
    {
        var config = TinyNetworks.Pycog(n: 10).WithRate(r => r with { Positivity = positivity, Dale = dale, WMin = 2e-3 }) with { Optimiser = OptimiserKind.Adam, LearningRate = 0.05 };
        using var trainer = Trainer.Start(config, TinyNetworks.Task);
        for (int i = 0; i < 20; i++) trainer.Step();
        trainer.Validate();
        string dir = Path.Combine(Path.GetTempPath(), $"eirnn-ckpt-{Guid.NewGuid():N}");
        try
        {
            trainer.CreateCheckpoint(best: false, false, 0).Write(dir);
            var fromFile = CheckpointWeights.Effective(Checkpoint.Read(dir));
            var fromTorch = trainer.Model.EffectiveWeights(config.Rate.WMin);
            CollectionAssert.AreEqual(fromTorch.WIn, fromFile.WIn, "W_in");
            CollectionAssert.AreEqual(fromTorch.WRec, fromFile.WRec, "W_rec");
            CollectionAssert.AreEqual(fromTorch.WOut, fromFile.WOut, "W_out");
            CollectionAssert.AreEqual(fromTorch.X0, fromFile.X0, "x0");
            Assert.IsTrue(fromFile.WRec.Count(v => v == 0) >= 10, "masks (at least the diagonal) leave zeros");
            Assert.IsTrue(fromFile.WRec.All(v => v == 0 || Math.Abs(v) >= config.Rate.WMin), "w_min pruning");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void WriteReplacesAnExistingCheckpointAndLeavesNoTemporaryFolders()
    {
        string root = Path.Combine(Path.GetTempPath(), $"eirnn-ckpt-{Guid.NewGuid():N}");
        try
        {
            using var trainer = Trainer.Start(TinyNetworks.Pycog(n: 6), TinyNetworks.Task);
            trainer.Validate();
            string last = Path.Combine(root, "last");
            trainer.CreateCheckpoint(false, false, 0).Write(last);
            trainer.Step();
            trainer.CreateCheckpoint(false, false, 0).Write(last);
            Assert.AreEqual(1L, Checkpoint.Read(last).Header.Updates);
            CollectionAssert.AreEqual(new[] { "last" }, Directory.GetDirectories(root).Select(Path.GetFileName).ToArray());
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
