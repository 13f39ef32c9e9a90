using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;

namespace EiRnn.Onnx.Tests;

[TestClass]
public sealed class DaleCheckTests
{
    [TestMethod]
    public void Dale_weights_pass_and_each_kind_of_sign_error_is_named()
    {
        var net = TestNetworks.Rate(81, n: 10); // units 8, 9 inhibitory
        var w = net.Weights!;
        Assert.AreEqual(0, DaleCheck.Violations(net.Spec, w).Count);

        var wRec = (float[])w.WRec.Clone(); wRec[0 * 10 + 9] = 0.3f;   // I column made positive
        var wOut = (float[])w.WOut.Clone(); wOut[1 * 10 + 2] = -0.1f;  // E column made negative
        var wIn = (float[])w.WIn.Clone(); wIn[4] = -0.01f;
        var found = DaleCheck.Violations(net.Spec, w with { WRec = wRec, WOut = wOut, WIn = wIn });
        Assert.AreEqual(3, found.Count, string.Join("; ", found));
        StringAssert.Contains(found[0], "W_rec[0,9] = 0.3 but unit 9 is inhibitory");
        StringAssert.Contains(found[1], "W_out[1,2] = -0.1 but unit 2 is excitatory");
        StringAssert.Contains(found[2], "W_in has 1 negative entries");
    }

    [TestMethod]
    public void Contract_example_obeys_dale_and_non_dale_networks_are_not_checked()
    {
        var example = ModelReader.Read(ContractCases.ModelPath).Network;
        Assert.AreEqual(0, DaleCheck.Violations(example.Spec, example.Weights!).Count);
        var free = TestNetworks.Rate(82, dale: false);
        Assert.IsTrue(free.Weights!.WRec.Any(v => v < 0) && free.Weights.WRec.Any(v => v > 0));
        Assert.AreEqual(0, DaleCheck.Violations(free.Spec, free.Weights).Count);
    }
}
