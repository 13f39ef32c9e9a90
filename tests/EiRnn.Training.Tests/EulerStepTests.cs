using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.TestSupport;
using EiRnn.Training.Model;

namespace EiRnn.Training.Tests;

[TestClass]
public sealed class EulerStepTests
{
    private static NetworkSpec Spec3() => new()
    {
        N = 3, Nin = 1, Nout = 1, Dale = true,
        UnitTypes = [UnitType.Excitatory, UnitType.Excitatory, UnitType.Inhibitory],
        UnitAreas = NetworkSpec.Repeat("all", 3), UnitInputGroups = NetworkSpec.Repeat("", 3),
        TauMs = [100f, 100f, 100f], U0 = [0.2f], SigmaIn = 0.01f, SigmaRec = 0.15f, DtTrainMs = 20,
        InputNames = ["in"], OutputNames = ["out"],
    };

    [TestMethod]
    public void OneEulerStepOfThreeUnitsMatchesHandComputation()
    {
        // Plastic weights include negative entries that rectification must silence (W_rec^pl[2,1], W_in^pl[1]),
        // and an output weight from the inhibitory unit that the E-only readout mask removes.
        var p = new RateNetworkParameters(
            WInPlastic: [0.2f, -0.3f, 0.1f],
            WRecPlastic: [0f, 0.5f, 0.4f, 0.3f, 0f, 0.2f, 0.6f, -0.1f, 0f],
            WOutPlastic: [1.0f, 0.5f, 0.7f],
            WInFixed: new float[3], WRecFixed: new float[9], WOutFixed: new float[3],
            MaskIn: [1f, 1f, 1f], MaskRec: [0f, 1f, 1f, 1f, 0f, 1f, 1f, 1f, 0f], MaskOut: [1f, 1f, 0f],
            BRec: new float[3], BOut: [0.05f], X0: new float[3]);
        using var net = new RateNetwork(Spec3(), p, Positivity.Rectify);
        var result = net.ForwardNoGrad(u: [0.3f], noiseIn: [1.0f], noiseRec: [0.5f, -1.0f, 2.0f], xInit: [0.5f, -0.2f, 0.1f],
            batch: 1, steps: 1, dtMs: 20);

        // Hand computation: α = 0.2, ũ = 0.2 + 0.3 + sqrt(10)·0.01, noise scale sqrt(0.4)·0.15;
        // W_rec = [[0, .5, −.4], [.3, 0, −.2], [.6, 0, 0]], W_in = [.2, 0, .1], r_0 = [.5, 0, .1].
        double[] x1 = [0.46069907596659304, -0.2288683298050514, 0.3403691151421364];
        for (int i = 0; i < 3; i++) Assert.AreEqual(x1[i], result.XLast[i], 1e-6, $"x1[{i}]");
        Assert.AreEqual(0f, result.R[1], "rectified rate of the unit with negative state");
        Assert.AreEqual(x1[0], result.R[0], 1e-6);
        Assert.AreEqual(x1[2], result.R[2], 1e-6);
        Assert.AreEqual(0.510699075966593, result.Z[0], 1e-6, "z = W_out r + b_out (inhibitory column masked)");
    }

    [TestMethod]
    public void NoGradForwardMatchesReferenceEulerOverManySteps()
    {
        var config = TinyNetworks.Pycog(n: 12).WithRate(r => r with { SigmaRec = 0.15, SigmaIn = 0.01 });
        using var trainer = Trainer.Start(config, TinyNetworks.Task);
        var w = trainer.Model.EffectiveWeights(wMin: 0);
        var spec = trainer.Spec;
        int b = 3, t = 30;
        var rng = new Core.Random.RandomStream(99);
        float[] Draw(int count, double scale) { var a = new float[count]; for (int i = 0; i < count; i++) a[i] = (float)(scale * rng.NextNormal()); return a; }
        float[] u = Draw(b * t * spec.Nin, 0.5), nIn = Draw(b * t * spec.Nin, 1), nRec = Draw(b * t * spec.N, 1), x = Draw(b * spec.N, 0.3);
        var actual = trainer.Model.ForwardNoGrad(u, nIn, nRec, x, b, t, 20);
        var expected = ReferenceEuler.Run(spec, w, u, nIn, nRec, x, b, t, 20);
        var (okZ, errZ, _) = ReferenceEuler.Compare(actual.Z, expected.Z, 1e-5);
        var (okR, errR, _) = ReferenceEuler.Compare(actual.R, expected.R, 1e-5);
        var (okX, errX, _) = ReferenceEuler.Compare(actual.XLast, expected.XLast, 1e-5);
        Assert.IsTrue(okZ && okR && okX, $"max |error|: z {errZ:G3}, r {errR:G3}, x_last {errX:G3}");
    }
}
