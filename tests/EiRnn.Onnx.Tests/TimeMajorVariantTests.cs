using EiRnn.Onnx.Tests.Support;
using EiRnn.Onnx.Variants;
using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Tests;

[TestClass]
public sealed class TimeMajorVariantTests
{
    [TestMethod]
    public void TheFixtureScanIsTurnedToAxisZeroWithSwappedShapes()
    {
        var bytes = TimeMajorVariant.TryCompile(File.ReadAllBytes(ContractCases.ModelPath));
        Assert.IsNotNull(bytes);
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        var scan = graph.Node.Single(n => n.OpType == "Scan");
        CollectionAssert.AreEqual(new long[] { 0, 0, 0 }, scan.Attribute.Single(a => a.Name == "scan_input_axes").Ints.ToArray());
        CollectionAssert.AreEqual(new long[] { 0, 0 }, scan.Attribute.Single(a => a.Name == "scan_output_axes").Ints.ToArray());
        var u = graph.Input.Single(i => i.Name == "u").Type.TensorType.Shape.Dim;
        Assert.AreEqual(("T", "B", 3L), (u[0].DimParam, u[1].DimParam, u[2].DimValue));
        var xInit = graph.Input.Single(i => i.Name == "x_init").Type.TensorType.Shape.Dim;
        Assert.AreEqual(("B", 20L), (xInit[0].DimParam, xInit[1].DimValue), "state shapes stay batch-first");
    }

    [TestMethod]
    public void AGraphThatUsesAScannedInputElsewhereIsLeftAlone()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ContractCases.ModelPath));
        model.Graph.Node.Add(new NodeProto { OpType = "Identity", Input = { "noise_rec" }, Output = { "noise_rec_copy" } });
        Assert.IsNull(TimeMajorVariant.TryCompile(model.ToByteArray()));
    }
}
