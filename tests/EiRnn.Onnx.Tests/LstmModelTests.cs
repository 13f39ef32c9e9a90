using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using EiRnn.TestSupport;
using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Tests;

/// <summary>The LSTM export (docs/model.md#lstm-baseline) against the float64 loop TestSupport ReferenceLstm.</summary>
[TestClass]
public sealed class LstmModelTests
{
    private const int N = 6, Nin = 3, Nout = 2;

    private static TrainedNetwork Network()
    {
        var rng = new RandomStream(71);
        float[] Normal(int count, double std) => Enumerable.Range(0, count).Select(_ => (float)rng.Normal(0, std)).ToArray();
        var spec = TestNetworks.Rate(70, n: N, nin: Nin, nout: Nout, dale: false).Spec with { Arch = NetworkArch.Lstm, RectifyInputs = false };
        int g = (N + Nin) * N;
        var w = new LstmWeights(Normal(g, 0.4), Normal(g, 0.4), Normal(g, 0.4), Normal(g, 0.4),
            Normal(N, 0.5), Normal(N, 0.5), Normal(N, 0.5), Normal(N, 0.5),
            Normal(Nout * N, 0.5), Normal(Nout, 0.1), Normal(N, 0.1), Normal(N, 0.1));
        return new TrainedNetwork(spec, null, w, TestNetworks.Training, 71);
    }

    [TestMethod]
    public void Lstm_file_has_its_contract_and_reads_back()
    {
        var net = Network();
        byte[] bytes = ModelExporter.Export(net);
        var model = ModelProto.Parser.ParseFrom(bytes);
        CollectionAssert.AreEquivalent(new[] { "u", "h_init", "c_init" }, model.Graph.Input.Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "z", "h", "h_last", "c_last" }, model.Graph.Output.Select(o => o.Name).ToArray());
        Assert.AreEqual("lstm", model.MetadataProps.Single(p => p.Key == "eirnn.arch").Value);
        Assert.AreEqual(1, model.Graph.Node.Count(n => n.OpType == "Scan"));
        var back = ModelReader.Read(bytes, "lstm.onnx").Network;
        Assert.AreEqual(NetworkArch.Lstm, back.Spec.Arch);
        CollectionAssert.AreEqual(net.Lstm!.WCandidate, back.Lstm!.WCandidate);
        CollectionAssert.AreEqual(net.Lstm.CInit, back.Lstm.CInit);
        CollectionAssert.AreEqual(bytes, ModelExporter.Export(net), "deterministic");
    }

    [TestMethod]
    public void Lstm_matches_a_float64_loop()
    {
        var net = Network();
        const int batch = 2, steps = 9;
        var rng = new RandomStream(72);
        float[] Normal(int count) { var a = new float[count]; rng.FillNormal(a); return a; }
        var feeds = new Dictionary<string, Tensor>
        {
            ["u"] = new(Normal(batch * steps * Nin), [batch, steps, Nin]),
            ["h_init"] = new(Normal(batch * N), [batch, N]),
            ["c_init"] = new(Normal(batch * N), [batch, N]),
        };
        using var run = new OrtRun(ModelExporter.Export(net));
        var got = run.Run(feeds);
        var (z, h, hLast, cLast) = ReferenceLstm.Run(net.Lstm!, feeds["u"].Values, feeds["h_init"].Values, feeds["c_init"].Values, batch, steps);
        foreach (var (name, expected) in new[] { ("z", z), ("h", h), ("h_last", hLast), ("c_last", cLast) })
        {
            var (ok, worst, at) = ReferenceEuler.Compare(got[name].Values, expected);
            Assert.IsTrue(ok, $"{name} differs by {worst:g3} at {at}");
        }
    }

    [TestMethod]
    [DataRow("W_f", float.NaN)]
    [DataRow("b_o", float.PositiveInfinity)]
    [DataRow("h0", float.NegativeInfinity)]
    public void Lstm_file_with_a_non_finite_weight_is_rejected(string initializer, float bad)
    {
        var model = ModelProto.Parser.ParseFrom(ModelExporter.Export(Network()));
        var tensor = model.Graph.Initializer.Single(t => t.Name == initializer);
        Assert.IsGreaterThan(0, tensor.RawData.Length, $"{initializer} is expected as raw little-endian floats");
        var raw = tensor.RawData.ToByteArray();
        BitConverter.GetBytes(bad).CopyTo(raw, raw.Length - sizeof(float));   // its last value
        tensor.RawData = ByteString.CopyFrom(raw);
        var e = Assert.ThrowsExactly<EiRnn.Core.Errors.ModelFileException>(() => ModelReader.Read(model.ToByteArray(), "lstm.onnx"));
        StringAssert.StartsWith(e.Message, "lstm.onnx: ");
        StringAssert.Contains(e.Message, $"{initializer} contains a non-finite value");
    }
}
