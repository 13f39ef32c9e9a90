using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;

namespace EiRnn.Training.Tests;

/// <summary>The LSTM baseline (docs/model.md#lstm-baseline) through the same trainer as the rate network.</summary>
[TestClass]
public sealed class LstmTrainingTests
{
    [TestMethod]
    public void LossFallsWithinAFewDozenUpdatesOnRdmFixed()
    {
        using var trainer = Trainer.Start(TinyNetworks.Lstm(n: 12, batch: 8) with { LearningRate = 0.01 }, TinyNetworks.Task);
        trainer.Validate();
        var losses = Enumerable.Range(0, 40).Select(_ => trainer.Step().Loss).ToList();
        trainer.Validate();
        Assert.IsTrue(losses.All(double.IsFinite), "finite losses");
        double first = losses.Take(8).Average(), last = losses.Skip(32).Average();
        Assert.IsLessThan(0.8 * first, last, $"mean loss of the first 8 updates {first:G4}, of the last 8 {last:G4}");
        Assert.IsLessThan(0.8 * trainer.Validations[0].Cost, trainer.Validations[^1].Cost, "validation cost falls too");
        Assert.AreEqual(40L * 8, trainer.Trials);
    }

    [TestMethod]
    public void TwentyStepsCheckpointResumeThirtyEqualsFiftyUninterrupted()
    {
        var config = TinyNetworks.Lstm(n: 8);
        var last = ReproducibilityTests.ResumeThroughFilesAndCompare(config);
        // Not vacuous: the state holds the LSTM's arrays and Adam's slots, and 50 updates moved the weights.
        CollectionAssert.IsSubsetOf(new[] { CheckpointArrayNames.LstmWCandidate, "optimiser/w_candidate/m", "optimiser/c_init/v" }, last.Arrays.Keys.ToArray());
        using var fresh = Trainer.Start(config, TinyNetworks.Task);
        CollectionAssert.AreNotEqual(fresh.Lstm.Weights().WCandidate, last.Array(CheckpointArrayNames.LstmWCandidate));
    }

    [TestMethod]
    public void CheckpointRoundTripPreservesTheWeightsExactly()
    {
        var config = TinyNetworks.Lstm(n: 7);
        string dir = Path.Combine(Path.GetTempPath(), $"eirnn-lstm-ckpt-{Guid.NewGuid():N}");
        try
        {
            using var trainer = Trainer.Start(config, TinyNetworks.Task);
            TinyNetworks.Advance(trainer, 12);
            var weights = trainer.Lstm.Weights();
            trainer.CreateCheckpoint(best: false, false, 0).Write(dir);
            var read = Checkpoint.Read(dir);

            // Plain C# (what `export` does, no LibTorch).
            var network = CheckpointWeights.ToTrainedNetwork(read);
            Assert.AreEqual(NetworkArch.Lstm, network.Spec.Arch);
            Assert.IsNull(network.Weights, "an LSTM has no rate-network weights");
            AssertBitwise(weights, network.Lstm!);
            Assert.AreEqual((7, 2, 2, false, 7, 50f), (network.Spec.N, network.Spec.Nin, network.Spec.Nout, network.Spec.Dale, network.Spec.NExc, network.Spec.DtTrainMs));

            // Back into TorchSharp.
            using var back = Trainer.Resume(config, TinyNetworks.Task, read, null);
            AssertBitwise(weights, back.Lstm.Weights());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void UnusableGradientShrinksOnlyTheGateMatrices()
    {
        const double lr = 0.5;
        using var trainer = Trainer.Start(TinyNetworks.Lstm(n: 6) with { Optimiser = OptimiserKind.Sgd, LearningRate = lr }, TinyNetworks.Task);
        var before = trainer.Lstm.Weights();
        var batch = TinyNetworks.TwoTrials();
        batch.Inputs[3] = float.NaN;
        var report = trainer.StepOn(batch);
        Assert.IsFalse(report.Updated);
        Assert.IsTrue(double.IsNaN(report.GradientNorm), $"norm {report.GradientNorm}");
        var after = trainer.Lstm.Weights();
        // SGD with the "gradient" 0.02 W: W ← W − η·0.02·W (docs/training.md#gradient-clipping-and-the-non-finite-safeguard, with the gates as the recurrent weights).
        foreach (var (name, b, a) in new[] { ("W_f", before.WForget, after.WForget), ("W_i", before.WInput, after.WInput),
                     ("W_c", before.WCandidate, after.WCandidate), ("W_o", before.WOutputGate, after.WOutputGate) })
            for (int k = 0; k < b.Length; k++)
            {
                double expected = b[k] * (1 - lr * 0.02);
                Assert.AreEqual(expected, a[k], 1e-6 * (1 + Math.Abs(expected)), $"{name}[{k}]");
            }
        AssertBitwise(before with { WForget = after.WForget, WInput = after.WInput, WCandidate = after.WCandidate, WOutputGate = after.WOutputGate }, after);
        Assert.AreEqual(1L, trainer.Updates);
    }

    private static void AssertBitwise(LstmWeights expected, LstmWeights actual)
    {
        var pairs = new (string, float[], float[])[]
        {
            ("W_f", expected.WForget, actual.WForget), ("W_i", expected.WInput, actual.WInput),
            ("W_c", expected.WCandidate, actual.WCandidate), ("W_o", expected.WOutputGate, actual.WOutputGate),
            ("b_f", expected.BForget, actual.BForget), ("b_i", expected.BInput, actual.BInput),
            ("b_c", expected.BCandidate, actual.BCandidate), ("b_o", expected.BOutputGate, actual.BOutputGate),
            ("W_out", expected.WOut, actual.WOut), ("b_out", expected.BOut, actual.BOut),
            ("h0", expected.HInit, actual.HInit), ("c0", expected.CInit, actual.CInit),
        };
        foreach (var (name, e, a) in pairs)
        {
            Assert.AreEqual(e.Length, a.Length, name);
            for (int k = 0; k < e.Length; k++)
                Assert.AreEqual(BitConverter.SingleToInt32Bits(e[k]), BitConverter.SingleToInt32Bits(a[k]), $"{name}[{k}] differs bitwise");
        }
    }
}
