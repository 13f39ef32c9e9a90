using EiRnn.Core.Network;
using EiRnn.Training.Lstm;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

[TestClass]
public sealed class LstmNetworkTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [TestMethod]
    public void TwoStepsMatchAPlainLoopOfTheSpecEquations()
    {
        const int n = 3, nin = 2, nout = 2, b = 2, t = 2;
        using var net = new LstmNetwork(n, nin, nout, seed: 5, ScalarType.Float64);
        var w = net.Weights();
        var rng = new Core.Random.RandomStream(8);
        var u = Enumerable.Range(0, b * t * nin).Select(_ => rng.NextNormal()).ToArray();
        using var scope = NewDisposeScope();
        var (z, _, hLast, cLast) = net.Forward(tensor(u, [b, t, nin]));
        double[] zs = z.contiguous().data<double>().ToArray(), hl = hLast.contiguous().data<double>().ToArray(), cl = cLast.contiguous().data<double>().ToArray();

        for (int trial = 0; trial < b; trial++)
        {
            double[] h = w.HInit.Select(x => (double)x).ToArray(), c = w.CInit.Select(x => (double)x).ToArray();
            for (int k = 0; k < t; k++)
            {
                var v = h.Concat(Enumerable.Range(0, nin).Select(i => u[(trial * t + k) * nin + i])).ToArray();
                double Gate(float[] W, float[] bias, int j) => bias[j] + Enumerable.Range(0, n + nin).Sum(r => v[r] * W[r * n + j]);
                var cNew = new double[n]; var hNew = new double[n];
                for (int j = 0; j < n; j++)
                {
                    cNew[j] = Sigmoid(Gate(w.WForget, w.BForget, j)) * c[j] + Sigmoid(Gate(w.WInput, w.BInput, j)) * Math.Tanh(Gate(w.WCandidate, w.BCandidate, j));
                    hNew[j] = Sigmoid(Gate(w.WOutputGate, w.BOutputGate, j)) * Sigmoid(cNew[j]);
                }
                (h, c) = (hNew, cNew);
                for (int o = 0; o < nout; o++)
                {
                    double expected = w.BOut[o] + Enumerable.Range(0, n).Sum(j => w.WOut[o * n + j] * h[j]);
                    Assert.AreEqual(expected, zs[(trial * t + k) * nout + o], 1e-6, $"z[{trial},{k},{o}]");
                }
            }
            for (int j = 0; j < n; j++)
            {
                Assert.AreEqual(h[j], hl[trial * n + j], 1e-6);
                Assert.AreEqual(c[j], cl[trial * n + j], 1e-6);
            }
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
