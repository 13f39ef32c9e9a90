using EiRnn.Core.Errors;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Tests;

/// <summary>Every contract violation the reader must reject, each with a message naming the problem.</summary>
[TestClass]
public sealed class BadModelFileTests
{
    private static ModelProto Good() => ModelProto.Parser.ParseFrom(ModelExporter.Export(TestNetworks.Rate(51, n: 10)));

    private static void AssertRejected(ModelProto model, string expectedInMessage, ModelReadLimits? limits = null) =>
        AssertRejected(model.ToByteArray(), expectedInMessage, limits);

    private static void AssertRejected(byte[] bytes, string expectedInMessage, ModelReadLimits? limits = null)
    {
        var e = Assert.ThrowsExactly<ModelFileException>(() => ModelReader.Read(bytes, "bad.onnx", limits));
        StringAssert.Contains(e.Message, expectedInMessage);
        StringAssert.StartsWith(e.Message, "bad.onnx: ");
    }

    [TestMethod]
    public void Good_file_is_accepted() => Assert.AreEqual(10, ModelReader.Read(Good().ToByteArray(), "good.onnx").Network.Spec.N);

    [TestMethod]
    public void Truncated_file()
    {
        byte[] bytes = Good().ToByteArray();
        AssertRejected(bytes[..(bytes.Length / 2)], "truncated or corrupt");
        AssertRejected(bytes[..(bytes.Length - 7)], "truncated");
        AssertRejected([], "truncated or corrupt");
        AssertRejected("not an onnx file at all"u8.ToArray(), "truncated or corrupt");
    }

    [TestMethod]
    public void Wrong_opset_or_ir_version()
    {
        var m = Good(); m.OpsetImport[0].Version = 13;
        AssertRejected(m, "opset is 13, the contract requires opset 17");
        m = Good(); m.IrVersion = 9;
        AssertRejected(m, "IR version is 9, the contract requires IR version 8");
    }

    [TestMethod]
    public void Missing_required_input_or_output()
    {
        var m = Good(); m.Graph.Input.Remove(m.Graph.Input.Single(i => i.Name == "noise_rec"));
        AssertRejected(m, "required graph input 'noise_rec' is missing");
        m = Good(); m.Graph.Output.Remove(m.Graph.Output.Single(o => o.Name == "x_last"));
        AssertRejected(m, "required graph output 'x_last' is missing");
        m = Good(); m.Graph.Input.Single(i => i.Name == "x_init").Type.TensorType.Shape.Dim.RemoveAt(0);
        AssertRejected(m, "graph input 'x_init' has rank 1, the contract says 2");
    }

    [TestMethod]
    public void Missing_metadata_key()
    {
        foreach (var key in new[] { "eirnn.spec", "eirnn.dt_ms", "eirnn.inputs" })
        {
            var m = Good(); m.MetadataProps.Remove(m.MetadataProps.Single(p => p.Key == key));
            AssertRejected(m, $"required metadata key '{key}' missing");
        }
    }

    [TestMethod]
    public void External_data()
    {
        var m = Good();
        var w = m.Graph.Initializer.Single(t => t.Name == "W_rec");
        w.RawData = ByteString.Empty;
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        AssertRejected(m, "tensor 'W_rec' uses external data");
    }

    [TestMethod]
    public void Declared_sizes_beyond_the_memory_limit_fail_before_allocation()
    {
        var m = Good();
        var w = m.Graph.Initializer.Single(t => t.Name == "W_rec");
        w.Dims.Clear(); w.Dims.Add(3_000_000_000L); w.Dims.Add(3_000_000_000L); // 36 EB declared, no data behind it
        AssertRejected(m, "declared tensor sizes exceed the memory limit");
        // A configurable limit: the good file itself is over a 512-byte tensor budget (it holds 756 bytes).
        AssertRejected(Good(), "exceed the memory limit of 512 bytes", new ModelReadLimits { MaxTensorBytes = 512 });
        AssertRejected(Good(), "above the memory limit of 100 bytes", new ModelReadLimits { MaxFileBytes = 100 });
    }

    [TestMethod]
    public void Initializer_shape_disagreeing_with_the_metadata()
    {
        var m = Good();
        var w = m.Graph.Initializer.Single(t => t.Name == "W_out");
        w.Dims[0] = 5; w.Dims[1] = 4; // still 20 values, wrong shape
        AssertRejected(m, "initializer 'W_out' has shape [5, 4], expected [2, 10]");
        m = Good();
        m.MetadataProps.Single(p => p.Key == "eirnn.n_inh").Value = "3";
        AssertRejected(m, "has size 10 in dimension 2, the metadata says 11");
    }

    [TestMethod]
    public void Spec_disagreeing_with_the_tensors()
    {
        var m = Good();
        var tau = m.Graph.Initializer.Single(t => t.Name == "tau");
        var bytes = tau.RawData.ToByteArray(); bytes[3] ^= 0x01; tau.RawData = ByteString.CopyFrom(bytes);
        AssertRejected(m, "tau_ms differs from initializer 'tau'");
    }

    [TestMethod]
    public void Non_finite_weight()
    {
        var m = Good();
        var w = m.Graph.Initializer.Single(t => t.Name == "W_rec");
        var bytes = w.RawData.ToByteArray(); BitConverter.GetBytes(float.NaN).CopyTo(bytes, 4 * 7); w.RawData = ByteString.CopyFrom(bytes);
        AssertRejected(m, "W_rec contains a non-finite value");
    }

    [TestMethod]
    public void Unrolled_graph_without_scan()
    {
        var m = Good();
        m.Graph.Node.Single(n => n.OpType == "Scan").OpType = "Loop";
        AssertRejected(m, "no Scan node");
    }

    [TestMethod]
    public void Missing_file() =>
        StringAssert.Contains(Assert.ThrowsExactly<ModelFileException>(() => ModelReader.Read("/nonexistent/model.onnx")).Message, "does not exist");
}
