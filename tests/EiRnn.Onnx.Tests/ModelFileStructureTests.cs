using System.Globalization;
using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using Onnx;

namespace EiRnn.Onnx.Tests;

/// <summary>The file layout docs/onnx-contract.md fixes: versions, one Scan, names, ranks, metadata, determinism.</summary>
[TestClass]
public sealed class ModelFileStructureTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Canonical_file_has_the_contract_layout()
    {
        var net = TestNetworks.Rate(11, n: 10, nin: 3, nout: 2);
        var model = ModelProto.Parser.ParseFrom(ModelExporter.Export(net));
        Assert.AreEqual(8L, model.IrVersion);
        Assert.AreEqual(1, model.OpsetImport.Count);
        Assert.AreEqual(("", 17L), (model.OpsetImport[0].Domain, model.OpsetImport[0].Version));
        Assert.AreEqual("EiRnnPipeline", model.ProducerName);
        Assert.IsFalse(string.IsNullOrEmpty(model.ProducerVersion));

        var g = model.Graph;
        Assert.AreEqual(1, g.Node.Count(n => n.OpType == "Scan"), "exactly one Scan");
        Assert.AreEqual(0, g.Node.Count(n => n.OpType is "Loop"), "no Loop");
        var scan = g.Node.Single(n => n.OpType == "Scan");
        CollectionAssert.AreEqual(new long[] { 1 }, scan.Attribute.Single(a => a.Name == "scan_input_axes").Ints.ToArray());
        var body = scan.Attribute.Single(a => a.Name == "body").G;
        Assert.AreEqual(1, body.Node.Count(n => n.OpType == "MatMul"), "one MatMul per step");
        Assert.IsFalse(body.Node.Any(n => n.OpType is "Scan" or "Loop" or "Gemm"), "body is one MatMul + element-wise ops");

        var inputs = g.Input.ToDictionary(i => i.Name, i => Shape(i));
        CollectionAssert.AreEquivalent(new[] { "u", "noise_in", "noise_rec", "x_init", "dt", "sigma_in", "sigma_rec" }, inputs.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "B", "T", "3" }, inputs["u"]);
        CollectionAssert.AreEqual(new[] { "B", "T", "3" }, inputs["noise_in"]);
        CollectionAssert.AreEqual(new[] { "B", "T", "10" }, inputs["noise_rec"]);
        CollectionAssert.AreEqual(new[] { "B", "10" }, inputs["x_init"]);
        foreach (var s in new[] { "dt", "sigma_in", "sigma_rec" }) Assert.AreEqual(0, inputs[s].Length, $"{s} is a scalar");
        var outputs = g.Output.ToDictionary(o => o.Name, o => Shape(o));
        CollectionAssert.AreEqual(new[] { "z", "r", "x_last" }, g.Output.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "B", "T", "2" }, outputs["z"]);
        CollectionAssert.AreEqual(new[] { "B", "T", "10" }, outputs["r"]);
        CollectionAssert.AreEqual(new[] { "B", "10" }, outputs["x_last"]);

        var init = g.Initializer.ToDictionary(t => t.Name, t => t.Dims.ToArray());
        var expected = new Dictionary<string, long[]>
        {
            ["W_in"] = [10, 3], ["W_rec"] = [10, 10], ["W_out"] = [2, 10], ["b_rec"] = [10], ["b_out"] = [2], ["tau"] = [10],
            ["tau_in"] = [], ["u0"] = [3], ["x0"] = [10], ["dt"] = [], ["sigma_in"] = [], ["sigma_rec"] = [],
        };
        CollectionAssert.AreEquivalent(expected.Keys.ToArray(), init.Keys.ToArray(), "initializers are exactly the contract's");
        foreach (var (name, dims) in expected) CollectionAssert.AreEqual(dims, init[name], name);
        Assert.IsTrue(g.Initializer.All(t => t.DataLocation == TensorProto.Types.DataLocation.Default));

        var meta = model.MetadataProps.ToDictionary(m => m.Key, m => m.Value);
        CollectionAssert.AreEquivalent(new[] { "eirnn.format", "eirnn.arch", "eirnn.task", "eirnn.dt_ms", "eirnn.n_exc", "eirnn.n_inh",
            "eirnn.seed", "eirnn.spec", "eirnn.training", "eirnn.inputs", "eirnn.outputs" }, meta.Keys.ToArray());
        Assert.AreEqual("ei-rnn", meta["eirnn.arch"]);
        Assert.AreEqual("rdm-fixed", meta["eirnn.task"]);
        Assert.AreEqual("10", meta["eirnn.dt_ms"]);
        Assert.AreEqual(("8", "2"), (meta["eirnn.n_exc"], meta["eirnn.n_inh"]));
        Assert.AreEqual("11", meta["eirnn.seed"]);
        Assert.AreEqual("[\"in0\",\"in1\",\"in2\"]", meta["eirnn.inputs"]);
        Assert.AreEqual("[\"out0\",\"out1\"]", meta["eirnn.outputs"]);
        Assert.AreEqual(net.Spec.TauMs.Count, JsonConfig.Parse<NetworkSpec>(meta["eirnn.spec"]).TauMs.Count);
        StringAssert.Contains(meta["eirnn.training"], "\"trials_trained\":12345");
        Assert.IsFalse(meta["eirnn.training"].Contains("wall", StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public void Non_dale_network_has_no_inhibitory_units_in_the_metadata()
    {
        var model = ModelProto.Parser.ParseFrom(ModelExporter.Export(TestNetworks.Rate(12, n: 6, dale: false)));
        var meta = model.MetadataProps.ToDictionary(m => m.Key, m => m.Value);
        Assert.AreEqual(("6", "0"), (meta["eirnn.n_exc"], meta["eirnn.n_inh"]));
        StringAssert.Contains(meta["eirnn.spec"], "\"dale\":false");
    }

    [TestMethod]
    public void Same_network_twice_gives_identical_bytes_and_another_seed_does_not()
    {
        byte[] a = ModelExporter.Export(TestNetworks.Rate(21));
        byte[] b = ModelExporter.Export(TestNetworks.Rate(21));
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, ModelExporter.Export(TestNetworks.Rate(22)));
    }

    [TestMethod]
    public void Build_then_read_gives_the_same_spec_and_weights()
    {
        foreach (var net in new[] { TestNetworks.Rate(31), TestNetworks.Rate(32, dale: false, hidden: HiddenNonlinearity.Rtanh, rectifyInputs: false) })
        {
            var file = ModelReader.Read(ModelExporter.Export(net), "round-trip");
            var back = file.Network;
            Assert.AreEqual(SpecSource.ProjectSpec, file.SpecSource);
            Assert.AreEqual(JsonConfig.Serialize(net.Spec), JsonConfig.Serialize(back.Spec), "spec");
            Assert.AreEqual(net.Training, back.Training);
            Assert.AreEqual(net.Seed, back.Seed);
            var (w, v) = (net.Weights!, back.Weights!);
            CollectionAssert.AreEqual(w.WIn, v.WIn); CollectionAssert.AreEqual(w.WRec, v.WRec); CollectionAssert.AreEqual(w.WOut, v.WOut);
            CollectionAssert.AreEqual(w.BRec, v.BRec); CollectionAssert.AreEqual(w.BOut, v.BOut); CollectionAssert.AreEqual(w.X0, v.X0);
        }
    }

    [TestMethod]
    public void File_and_load_time_do_not_grow_with_trial_length()
    {
        var net = TestNetworks.Rate(41, n: 20);
        byte[] file = ModelExporter.Export(net);
        // One Scan over time: the graph has no node per step, so nothing in it depends on T.
        var graph = ModelProto.Parser.ParseFrom(file).Graph;
        Assert.AreEqual(1, graph.Node.Count(x => x.OpType == "Scan"));
        Assert.IsFalse(graph.Node.Any(x => x.OpType is "Loop" or "Slice" or "Split"), "no per-step unrolling");
        Assert.IsTrue(file.Length < 20_000, $"a 20-unit model is {file.Length} bytes");
        foreach (int steps in new[] { 10, 10_000 })
        {
            // A fresh session per trial length: loading is the same work whatever T will be fed.
            var sw = Stopwatch.StartNew();
            using var run = new OrtRun(file);
            double loadMs = sw.Elapsed.TotalMilliseconds;
            Assert.IsTrue(loadMs < 5_000, $"session load took {loadMs:0} ms");
            sw.Restart();
            var outputs = run.Run(TestNetworks.Feeds(net.Spec, 42, batch: 1, steps));
            TestContext.WriteLine($"T = {steps}: file {file.Length} bytes, session load {loadMs:0.0} ms, run {sw.Elapsed.TotalMilliseconds:0.0} ms");
            CollectionAssert.AreEqual(new long[] { 1, steps, 2 }, outputs["z"].Shape);
            Assert.IsTrue(outputs["r"].Values.All(float.IsFinite));
        }
        // The file is independent of T by construction: building again yields the same bytes.
        CollectionAssert.AreEqual(file, ModelExporter.Export(net));
    }

    private static string[] Shape(ValueInfoProto v) =>
        v.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(CultureInfo.InvariantCulture)).ToArray();
}
