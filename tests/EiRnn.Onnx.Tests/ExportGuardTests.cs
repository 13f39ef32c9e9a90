using EiRnn.Core.Errors;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using EiRnn.Onnx.Variants;

namespace EiRnn.Onnx.Tests;

[TestClass]
public sealed class ExportGuardTests
{
    [TestMethod]
    public void Correlated_noise_is_not_exportable()
    {
        var net = TestNetworks.Rate(91, n: 4);
        var e = Assert.ThrowsExactly<ModelFileException>(() => ModelExporter.Export(net, new CorrelatedNoise(null, new float[16])));
        StringAssert.Contains(e.Message, "correlated (matrix) recurrent (sigma_rec) noise is not exportable");
        e = Assert.ThrowsExactly<ModelFileException>(() => ModelExporter.Export(net, new CorrelatedNoise(new float[9], null)));
        StringAssert.Contains(e.Message, "input (sigma_in)");
        Assert.IsTrue(ModelExporter.Export(net, new CorrelatedNoise(null, null)).Length > 0, "no matrices: exportable");
    }

    [TestMethod]
    public void Save_writes_the_exported_bytes_and_leaves_no_temporary_file()
    {
        var net = TestNetworks.Rate(92, n: 5);
        string dir = Path.Combine(Path.GetTempPath(), "eirnn-onnx-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            ModelExporter.Save(net, path);
            CollectionAssert.AreEqual(ModelExporter.Export(net), File.ReadAllBytes(path));
            CollectionAssert.AreEqual(new[] { "model.onnx" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());
            Assert.AreEqual(5, ModelReader.Read(path).Network.Spec.N);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void Variants_of_a_foreign_model_follow_its_weights()
    {
        // The contract example has another producer's spec; a variant compiled from what the reader returns
        // must still reproduce the example's expected outputs (control run).
        var network = ModelReader.Read(ContractCases.ModelPath).Network;
        using var run = new OrtRun(ModelVariantCompiler.Compile(network, new GraphVariant { Ports = PerturbationPorts.All }));
        var c = ContractCases.Load()[0];
        var got = run.Run(c.Feeds, "z");
        var (ok, worst, _) = EiRnn.TestSupport.ReferenceEuler.Compare(got["z"].Values, c.Expected["z"].Values);
        Assert.IsTrue(ok, $"z differs by {worst:g3}");
    }

    [TestMethod]
    public void Read_limits_are_validated() =>
        StringAssert.Contains(Assert.ThrowsExactly<ConfigException>(() => new ModelReadLimits { MaxTensorBytes = 0 }.Validated()).Message, "max_tensor_bytes");
}
