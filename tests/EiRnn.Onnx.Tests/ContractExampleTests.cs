using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using EiRnn.TestSupport;

namespace EiRnn.Onnx.Tests;

/// <summary>Against the independently built contract example (Fixtures/; docs/onnx-contract.md#independent-contract-example).</summary>
[TestClass]
public sealed class ContractExampleTests
{
    [TestMethod]
    public void Reader_accepts_the_example_and_reads_its_facts()
    {
        var file = ModelReader.Read(ContractCases.ModelPath);
        var spec = file.Network.Spec;
        Assert.AreEqual(SpecSource.ContractOnly, file.SpecSource);
        Assert.AreEqual((20, 3, 2, 16, 4), (spec.N, spec.Nin, spec.Nout, spec.NExc, spec.NInh));
        Assert.IsTrue(spec.Dale);
        Assert.AreEqual(20f, spec.DtTrainMs);
        Assert.AreEqual(100f, spec.TauInMs);
        CollectionAssert.AreEqual(new[] { 0.2f, 0.2f, 0.2f }, spec.U0.ToArray());
        // README: per-unit tau 100 ms (E) / 50 ms (I).
        CollectionAssert.AreEqual(Enumerable.Repeat(100f, 16).Concat(Enumerable.Repeat(50f, 4)).ToArray(), spec.TauMs.ToArray());
        Assert.IsTrue(spec.RectifyInputs);
        Assert.AreEqual(HiddenNonlinearity.Rectify, spec.Hidden);
        Assert.AreEqual(OutputNonlinearity.Linear, spec.Output);
        CollectionAssert.AreEqual(new[] { "in0", "in1", "in2" }, spec.InputNames.ToArray());
        Assert.AreEqual("contract-example", file.Network.Training.Task);
    }

    [TestMethod]
    public void Example_model_reproduces_its_cases_in_onnx_runtime()
    {
        using var run = new OrtRun(File.ReadAllBytes(ContractCases.ModelPath));
        foreach (var c in ContractCases.Load()) AssertCase(run, c);
    }

    [TestMethod]
    public void Model_rebuilt_from_the_example_weights_reproduces_its_cases()
    {
        var network = ModelReader.Read(ContractCases.ModelPath).Network;
        using var run = new OrtRun(ModelExporter.Export(network));
        foreach (var c in ContractCases.Load()) AssertCase(run, c);
    }

    private static void AssertCase(OrtRun run, ContractCases.Case c)
    {
        var got = run.Run(c.Feeds, "z", "r", "x_last");
        foreach (var (name, (values, shape)) in c.Expected)
        {
            CollectionAssert.AreEqual(shape, got[name].Shape, $"{c.Name}: shape of {name}");
            var (ok, worst, at) = ReferenceEuler.Compare(got[name].Values, values);
            Assert.IsTrue(ok, $"{c.Name}: {name} differs from cases.json by {worst:g3} at index {at}");
        }
    }
}
