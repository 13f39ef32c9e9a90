using EiRnn.Core.Config;
using EiRnn.Core.Network;

namespace EiRnn.Training.Tests;

/// <summary>docs/model.md#dales-law-and-effective-weights invariants after training has pushed plastic weights across zero.</summary>
[TestClass]
public sealed class DaleInvariantTests
{
    [TestMethod]
    [DataRow(Positivity.Rectify)]
    [DataRow(Positivity.AbsoluteValue)]
    public void EffectiveWeightsKeepSignsMasksAndZeroDiagonalAfterFiftySteps(Positivity positivity)
    {
        // A large Adam step drives many plastic weights negative, so positivity actually has work to do.
        var config = TinyNetworks.Pycog(n: 10).WithRate(r => r with { Positivity = positivity }) with { Optimiser = OptimiserKind.Adam, LearningRate = 0.05 };
        using var trainer = Trainer.Start(config, TinyNetworks.Task);
        for (int i = 0; i < 50; i++) trainer.Step();
        var p = trainer.Model.Parameters();
        Assert.IsTrue(p.WRecPlastic.Any(v => v < 0), "test needs some negative plastic weights");
        var w = trainer.Model.EffectiveWeights(wMin: 0);
        var spec = trainer.Spec;
        int n = spec.N;
        for (int j = 0; j < n; j++)
        {
            float e = spec.Sign(j);
            for (int i = 0; i < n; i++)
            {
                float v = w.WRec[i * n + j];
                if (p.MaskRec[i * n + j] == 0) Assert.AreEqual(0f, v, $"masked W_rec[{i},{j}]");
                Assert.IsTrue(v * e >= 0, $"W_rec[{i},{j}] = {v} has the wrong sign for unit type {spec.UnitTypes[j]}");
            }
            Assert.AreEqual(0f, w.WRec[j * n + j], $"autapse W_rec[{j},{j}]");
            for (int o = 0; o < spec.Nout; o++)
            {
                float v = w.WOut[o * n + j];
                Assert.IsTrue(v * e >= 0, $"W_out[{o},{j}] sign");
                if (spec.UnitTypes[j] == UnitType.Inhibitory) Assert.AreEqual(0f, v, $"readout from inhibitory unit {j}");
            }
        }
        Assert.IsTrue(w.WIn.All(v => v >= 0), "W_in must be non-negative");
    }
}
