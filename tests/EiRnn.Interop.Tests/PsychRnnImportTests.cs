using System.Diagnostics;
using EiRnn.Core.Network;
using EiRnn.Interop.PsychRnn;
using EiRnn.Interop.Tests.Support;

namespace EiRnn.Interop.Tests;

/// <summary>
/// PsychRNN weights files written by NumPy (Fixtures/make_fixtures.py) imported, exported as contract models and
/// run by ONNX Runtime reproduce the outputs NumPy computed from the x-form equations (docs/import-export.md#psychrnn).
/// </summary>
[TestClass]
public sealed class PsychRnnImportTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DaleNetworkWithEUnitsNotFirstReproducesNumPy()
    {
        var expected = Fixtures.Load("psychrnn_dale.expected.json");
        var sw = Stopwatch.StartNew();
        var imported = PsychRnnImporter.Import(Fixtures.Path("psychrnn_dale.npz"), new PsychRnnImportOptions { DtMs = 10, TauMs = 100 });
        var net = imported.Network;
        float[] z = ModelRun.Z(net, expected.U, expected.Batch, expected.Steps);
        double err = ModelRun.MaxRelativeError(z, expected.Z);
        TestContext.WriteLine($"psychrnn Dale import: max relative error {err:E2} ({sw.ElapsedMilliseconds} ms)");
        Assert.IsTrue(err <= 1e-5, $"max relative error {err:E2}");

        Assert.IsTrue(net.Spec.Dale);
        Assert.AreEqual(HiddenNonlinearity.Rectify, net.Spec.Hidden, "the pickled tensorflow...relu");
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 5, 0, 3 }, net.Training.Import!.UnitPermutation!.ToArray(), "E units (1, 2, 4, 5) first");
        CollectionAssert.AreEqual(new[] { UnitType.Excitatory, UnitType.Excitatory, UnitType.Excitatory, UnitType.Excitatory, UnitType.Inhibitory, UnitType.Inhibitory },
            net.Spec.UnitTypes.ToArray());
        Assert.IsFalse(net.Spec.RectifyInputs);
        Assert.AreEqual(0f, net.Spec.SigmaIn);
        Assert.AreEqual(10f, net.Spec.DtTrainMs);
        StringAssert.Contains(string.Join("\n", imported.Notes), "W_rec/Adam");
        Assert.AreEqual(64, net.Training.Import.SourceSha256.Length);
    }

    [TestMethod]
    public void NonDaleNetworkWithOptimiserSlotsAndPickledNoneReproducesNumPy()
    {
        var expected = Fixtures.Load("psychrnn_nondale.expected.json");
        var sw = Stopwatch.StartNew();
        var imported = PsychRnnImporter.Import(Fixtures.Path("psychrnn_nondale.npz"), new PsychRnnImportOptions { DtMs = 20, TauMs = 100 });
        float[] z = ModelRun.Z(imported.Network, expected.U, expected.Batch, expected.Steps);
        double err = ModelRun.MaxRelativeError(z, expected.Z);
        TestContext.WriteLine($"psychrnn non-Dale import: max relative error {err:E2} ({sw.ElapsedMilliseconds} ms)");
        Assert.IsTrue(err <= 1e-5, $"max relative error {err:E2}");
        Assert.IsFalse(imported.Network.Spec.Dale, "dale_ratio None");
        Assert.IsNull(imported.Network.Training.Import!.UnitPermutation);
        string notes = string.Join("\n", imported.Notes);
        StringAssert.Contains(notes, "W_in/Adam");
        StringAssert.Contains(notes, "no transfer_function array: using relu");
    }

    [TestMethod]
    public void TransferFlagOverridesTheFileWithANote()
    {
        var imported = PsychRnnImporter.Import(Fixtures.Path("psychrnn_dale.npz"),
            new PsychRnnImportOptions { DtMs = 10, TauMs = 100, Transfer = HiddenNonlinearity.Tanh });
        Assert.AreEqual(HiddenNonlinearity.Tanh, imported.Network.Spec.Hidden);
        StringAssert.Contains(string.Join("\n", imported.Notes), "--transfer tanh overrides the file's (tensorflow.python.ops.gen_nn_ops.relu)");
    }
}
