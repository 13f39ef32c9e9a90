using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.TestSupport;
using EiRnn.Training.Initialisation;
using EiRnn.Training.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// Issue C's parity: ONNX Runtime on the exported file, the TorchSharp forward pass of the training stage and
/// the plain float64 reference loop, on the same inputs and noise, agree elementwise within
/// |a − b| ≤ 1e-5·(1 + |b|) for z, r and x_last.
/// </summary>
[TestClass]
public sealed class ThreeWayParityTests
{
    /// <summary>Receives each comparison's worst error (shown with <c>--logger "console;verbosity=detailed"</c>).</summary>
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CommittedRdmFixedNetworkOver500Steps()
    {
        var network = ModelReader.Read(CommittedModel()).Network;
        Assert.AreEqual("rdm-fixed", network.Training.Task);
        CheckParity(network, File.ReadAllBytes(CommittedModel()), batch: 3, steps: 500, dtMs: network.Spec.DtTrainMs, seed: 11);
    }

    [TestMethod]
    public void RandomTwoAreaNetworkAtSpectralRadius09Over200Steps()
    {
        var network = TwoAreaNetwork(seed: 5);
        var wRec = network.Weights!.WRec.Select(v => (double)v).ToArray();
        Assert.AreEqual(0.9, SpectralRadius.Of(wRec, network.Spec.N), 1e-4);
        CheckParity(network, ModelExporter.Export(network), batch: 2, steps: 200, dtMs: 10, seed: 12);
    }

    private void CheckParity(TrainedNetwork network, byte[] model, int batch, int steps, float dtMs, ulong seed)
    {
        var spec = network.Spec; var w = network.Weights!;
        int n = spec.N, nin = spec.Nin;
        var rng = new RandomStream(seed);
        var u = new float[batch * steps * nin];
        for (int i = 0; i < u.Length; i++) u[i] = (float)rng.Uniform(0, 1);
        var noiseIn = new float[batch * steps * nin]; rng.FillNormal(noiseIn);
        var noiseRec = new float[batch * steps * n]; rng.FillNormal(noiseRec);
        var xInit = new float[batch * n];
        for (int b = 0; b < batch; b++) w.X0.CopyTo(xInit, b * n);

        var reference = ReferenceEuler.Run(spec, w, u, noiseIn, noiseRec, xInit, batch, steps, dtMs);

        using var torchNet = RateNetwork.FromEffective(spec, w);
        var torch = torchNet.ForwardNoGrad(u, noiseIn, noiseRec, xInit, batch, steps, dtMs);

        using var session = new InferenceSession(model);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("u", new DenseTensor<float>(u, [batch, steps, nin])),
            NamedOnnxValue.CreateFromTensor("noise_in", new DenseTensor<float>(noiseIn, [batch, steps, nin])),
            NamedOnnxValue.CreateFromTensor("noise_rec", new DenseTensor<float>(noiseRec, [batch, steps, n])),
            NamedOnnxValue.CreateFromTensor("x_init", new DenseTensor<float>(xInit, [batch, n])),
            NamedOnnxValue.CreateFromTensor("dt", new DenseTensor<float>(new[] { dtMs }, [])),
        ]);
        float[] Ort(string name) => results.First(r => r.Name == name).AsTensor<float>().ToArray();

        Same("ORT z vs reference", Ort("z"), reference.Z);
        Same("ORT r vs reference", Ort("r"), reference.R);
        Same("ORT x_last vs reference", Ort("x_last"), reference.XLast);
        Same("TorchSharp z vs reference", torch.Z, reference.Z);
        Same("TorchSharp r vs reference", torch.R, reference.R);
        Same("TorchSharp x_last vs reference", torch.XLast, reference.XLast);
        Same("ORT z vs TorchSharp", Ort("z"), torch.Z.Select(v => (double)v).ToArray());
        Same("ORT r vs TorchSharp", Ort("r"), torch.R.Select(v => (double)v).ToArray());
        Same("ORT x_last vs TorchSharp", Ort("x_last"), torch.XLast.Select(v => (double)v).ToArray());
        // The comparison must not be vacuous: the state moved away from x0 and the outputs vary over time.
        Assert.IsGreaterThan(0.05, reference.Z.Max() - reference.Z.Min());
    }

    private void Same(string what, float[] actual, double[] expected)
    {
        var (ok, worst, at) = ReferenceEuler.Compare(actual, expected);
        double scaled = actual.Length == expected.Length ? actual.Select((a, i) => Math.Abs(a - expected[i]) / (1 + Math.Abs(expected[i]))).Max() : double.NaN;
        TestContext.WriteLine($"{what}: {actual.Length} values, worst |a-b| = {worst:E2}, worst |a-b|/(1+|b|) = {scaled:E2} (bound 1e-5)");
        Assert.IsTrue(ok, $"{what}: worst |a-b| = {worst:E3} at {at} (a = {(at >= 0 ? actual[at] : float.NaN)}, b = {(at >= 0 ? expected[at] : double.NaN)})");
    }

    /// <summary>the Mante two-area masks of docs/model.md#mante-two-areas (N = 150, 120 E / 30 I) with random magnitudes, scaled to ρ = 0.9.</summary>
    private static TrainedNetwork TwoAreaNetwork(ulong seed)
    {
        var c = NetworkConnectivity.Build(new ConnectivityRequest
        {
            Structure = ConnectivityStructure.ManteAreas, N = 150, Nin = 6, Nout = 2, Seed = seed,
        });
        int n = c.N;
        var spec = new NetworkSpec
        {
            N = n, Nin = c.Nin, Nout = c.Nout, Dale = true, UnitTypes = c.UnitTypes, UnitAreas = c.UnitAreas,
            UnitInputGroups = c.UnitInputGroups,
            TauMs = c.UnitTypes.Select(t => t == UnitType.Inhibitory ? 50f : 100f).ToArray(),
            U0 = NetworkSpec.Repeat(0.2f, c.Nin), SigmaIn = 0.01f, SigmaRec = 0.15f, DtTrainMs = 20,
            InputNames = Enumerable.Range(0, c.Nin).Select(i => $"in{i}").ToArray(), OutputNames = ["choice1", "choice2"],
            Connectivity = c.Description,
        };
        var rng = new RandomStream(seed);
        var mask = c.RecurrentMask();
        var wRec = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                wRec[i * n + j] = mask[i * n + j] * spec.Sign(j) * Math.Abs(rng.NextNormal());
        double scale = 0.9 / SpectralRadius.Of(wRec, n);
        var wIn = c.InputMask.Select(m => m * (float)rng.Uniform(0, 0.5)).ToArray();
        var wOut = c.OutputMask.Select(m => m * (float)rng.Uniform(0, 0.5)).ToArray();
        var x0 = Enumerable.Range(0, n).Select(_ => (float)rng.Uniform(0, 0.3)).ToArray();
        var weights = new NetworkWeights(wIn, wRec.Select(v => (float)(v * scale)).ToArray(), wOut, new float[n], new float[2], x0);
        return TrainedNetwork.Rate(spec, weights, new TrainingRecord("mante", "pycog", 0, "percent_correct", 0, 0.9, false), seed);
    }

    private static string CommittedModel()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "models", "rdm-fixed", "model.onnx");
    }
}
