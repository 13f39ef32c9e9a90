using EiRnn.Core.Network;
using EiRnn.TestSupport;
using EiRnn.Training.Lstm;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

[TestClass]
public sealed class LstmNetworkTests
{
    [TestMethod]
    public void TwoStepsMatchAPlainLoopOfTheSpecEquations()
    {
        const int n = 3, nin = 2, nout = 2, b = 2, t = 2;
        using var net = new LstmNetwork(n, nin, nout, seed: 5, ScalarType.Float64);
        var w = net.Weights();
        var rng = new Core.Random.RandomStream(8);
        var u = Enumerable.Range(0, b * t * nin).Select(_ => (float)rng.NextNormal()).ToArray();
        using var scope = NewDisposeScope();
        var (z, _, hLast, cLast) = net.Forward(tensor(u.Select(x => (double)x).ToArray(), [b, t, nin]));
        double[] zs = z.contiguous().data<double>().ToArray(), hl = hLast.contiguous().data<double>().ToArray(), cl = cLast.contiguous().data<double>().ToArray();

        // The float64 loop of docs/model.md#lstm-baseline shared by the Onnx and Simulation LSTM parity tests.
        float[] Tiled(float[] v) => Enumerable.Range(0, b).SelectMany(_ => v).ToArray();
        var expected = ReferenceLstm.Run(w, u, Tiled(w.HInit), Tiled(w.CInit), b, t);
        for (int i = 0; i < zs.Length; i++) Assert.AreEqual(expected.Z[i], zs[i], 1e-6, $"z[{i}]");
        for (int i = 0; i < hl.Length; i++)
        {
            Assert.AreEqual(expected.HLast[i], hl[i], 1e-6, $"h_last[{i}]");
            Assert.AreEqual(expected.CLast[i], cl[i], 1e-6, $"c_last[{i}]");
        }
        Assert.IsTrue(w.BForget.All(x => x == 1f), "gate biases start at 1");
    }

    [TestMethod]
    public void NoGradRunEqualsTheForwardPassBitwise()
    {
        const int n = 5, nin = 2, nout = 2, b = 3, t = 7;
        using var net = new LstmNetwork(n, nin, nout, seed: 9);
        var rng = new Core.Random.RandomStream(10);
        var u = Enumerable.Range(0, b * t * nin).Select(_ => (float)rng.NextNormal()).ToArray();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(u, [b, t, nin]);
        var (z, h, _, _) = net.Forward(input);
        var (zRun, hRun) = net.Run(input);
        CollectionAssert.AreEqual(z.data<float>().ToArray(), zRun.data<float>().ToArray(), "z");
        CollectionAssert.AreEqual(h.data<float>().ToArray(), hRun.data<float>().ToArray(), "h");
        Assert.IsGreaterThan(1e-3, h.max().ToSingle() - h.min().ToSingle(), "h varies");
    }
}
