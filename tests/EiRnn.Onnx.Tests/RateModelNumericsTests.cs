using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Tests.Support;

namespace EiRnn.Onnx.Tests;

/// <summary>Exported rate models in ONNX Runtime against the float64 ReferenceEuler loop (docs/model.md#euler-discretisation).</summary>
[TestClass]
public sealed class RateModelNumericsTests
{
    public static IEnumerable<object[]> Variants()
    {
        ulong seed = 100;
        foreach (var h in Enum.GetValues<HiddenNonlinearity>())
            yield return [seed++, h, OutputNonlinearity.Linear, true, true];
        foreach (var o in Enum.GetValues<OutputNonlinearity>())
            yield return [seed++, HiddenNonlinearity.Rectify, o, false, true];
        yield return [seed++, HiddenNonlinearity.Tanh, OutputNonlinearity.Sigmoid, true, false]; // non-Dale
    }

    [TestMethod]
    [DynamicData(nameof(Variants))]
    public void Matches_reference_euler(ulong seed, HiddenNonlinearity hidden, OutputNonlinearity output, bool rectify, bool dale)
    {
        var net = TestNetworks.Rate(seed, n: 12, hidden: hidden, output: output, rectifyInputs: rectify, dale: dale);
        using var run = new OrtRun(ModelExporter.Export(net));
        var feeds = TestNetworks.Feeds(net.Spec, seed + 1, batch: 3, steps: 15);
        Reference.AssertMatches(Reference.Run(net.Spec, net.Weights!, feeds, net.Spec.DtTrainMs), run.Run(feeds), "defaults");

        // dt and sigma overrides: the same file, other scalars.
        feeds["dt"] = Tensor.Scalar(0.5f);
        feeds["sigma_in"] = Tensor.Scalar(0.05f);
        feeds["sigma_rec"] = Tensor.Scalar(0.3f);
        Reference.AssertMatches(Reference.Run(net.Spec, net.Weights!, feeds, 0.5, 0.05, 0.3), run.Run(feeds), "dt 0.5 ms, sigma overrides");
    }

    [TestMethod]
    public void Feeding_the_training_dt_is_bitwise_equal_to_the_default()
    {
        var net = TestNetworks.Rate(7, dt: 20f);
        using var run = new OrtRun(ModelExporter.Export(net));
        var feeds = TestNetworks.Feeds(net.Spec, 8, batch: 2, steps: 20);
        var byDefault = run.Run(feeds);
        feeds["dt"] = Tensor.Scalar(20f);
        var fed = run.Run(feeds);
        foreach (var name in new[] { "z", "r", "x_last" })
            CollectionAssert.AreEqual(byDefault[name].Values, fed[name].Values, name);
        feeds["dt"] = Tensor.Scalar(10f);
        Assert.AreNotEqual(byDefault["x_last"].Values[0], run.Run(feeds)["x_last"].Values[0], "dt must change the dynamics");
    }

    [TestMethod]
    public void Stationary_variance_of_a_linear_unit_is_sigma_squared_over_one_minus_half_alpha()
    {
        // docs/model.md#euler-discretisation check: W = 0, f = identity, u = 0 → Var x = σ_rec² / (1 − α/2).
        var net = TestNetworks.Rate(3, n: 4, hidden: HiddenNonlinearity.Linear, perUnitTau: false, sigmaRec: 0.5f, sigmaIn: 0f);
        var w = net.Weights!;
        var zeroed = net with { Weights = w with { WRec = new float[w.WRec.Length], WIn = new float[w.WIn.Length], BRec = new float[w.BRec.Length] } };
        using var run = new OrtRun(ModelExporter.Export(zeroed));
        int batch = 200, steps = 400;
        var feeds = TestNetworks.Feeds(zeroed.Spec, 4, batch, steps);
        feeds["x_init"] = new(new float[batch * 4], [batch, 4]);
        feeds["dt"] = Tensor.Scalar(20f); // α = 0.2: expected variance 0.25 / 0.9
        var r = run.Run(feeds)["r"].Values;
        double sum = 0, sumSq = 0; long count = 0;
        for (int b = 0; b < batch; b++)
            for (int k = 100; k < steps; k++) // after the transient (time constant 5 steps)
                for (int i = 0; i < 4; i++) { double v = r[(b * steps + k) * 4 + i]; sum += v; sumSq += v * v; count++; }
        double variance = sumSq / count - Math.Pow(sum / count, 2);
        Assert.AreEqual(0.25 / 0.9, variance, 0.01, "stationary variance (0.25 would be the continuous-time value)");
    }
}
