using System.Diagnostics;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Interop.Numpy;
using EiRnn.Interop.PsychRnn;
using EiRnn.Interop.Tests.Support;
using EiRnn.Onnx.Reading;
using EiRnn.TestSupport;

namespace EiRnn.Interop.Tests;

/// <summary>
/// export --to psychrnn: PsychRNN's equations (docs/import-export.md#psychrnn) evaluated in float64 on the exported
/// arrays equal the original model's ONNX Runtime outputs, and importing the export gives the same outputs back.
/// </summary>
[TestClass]
public sealed class PsychRnnExportTests
{
    public TestContext TestContext { get; set; } = null!;
    private const int Batch = 2, Steps = 40;

    /// <summary>A Dale network PsychRNN can express exactly: one τ, no baseline, rectification or input noise.</summary>
    private static TrainedNetwork ExactDale()
    {
        var net = RandomDaleNetwork.Create(7, n: 10);
        var spec = net.Spec with
        {
            TauMs = NetworkSpec.Repeat(100f, 10), U0 = [0f, 0f], RectifyInputs = false, SigmaIn = 0, SigmaRec = 0.1f, DtTrainMs = 10,
        };
        return net with { Spec = spec };
    }

    private static TrainedNetwork ExactNonDale()
    {
        var rng = new RandomStream(11);
        int n = 8, nin = 3, nout = 2;
        float[] R(int count, double sd) => Enumerable.Range(0, count).Select(_ => (float)rng.Normal(0, sd)).ToArray();
        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = false, UnitTypes = NetworkSpec.Repeat(UnitType.Excitatory, n),
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n), TauMs = NetworkSpec.Repeat(50f, n),
            U0 = NetworkSpec.Repeat(0f, nin), RectifyInputs = false, Hidden = HiddenNonlinearity.Tanh, DtTrainMs = 5,
            InputNames = ["a", "b", "c"], OutputNames = ["x", "y"],
        };
        var w = new NetworkWeights(R(n * nin, 0.8), R(n * n, 0.5), R(nout * n, 0.5), R(n, 0.2), R(nout, 0.1), R(n, 0.3));
        return TrainedNetwork.Rate(spec, w, new TrainingRecord("", "psychrnn", 0, "", 0, 0, false), 11);
    }

    private static float[] Inputs(int nin)
    {
        var rng = new RandomStream(3);
        var u = new float[Batch * Steps * nin];
        for (int b = 0; b < Batch; b++)
            for (int t = 5; t < 25; t++)
                for (int c = 0; c < nin; c++) u[(b * Steps + t) * nin + c] = (float)(0.5 + 0.3 * rng.Normal(0, 1));
        return u;
    }

    /// <summary>PsychRNN's forward pass (BasicSimulator, no noise) in float64 on the exported arrays.</summary>
    private static double[] PsychRnnReference(NpzArchive file, double dt, double tau, string transfer, float[] u)
    {
        NpyArray A(string k) => ((NumericMember)file.Members[k]).Array;
        var wIn = A("W_in"); var wRec = A("W_rec"); var wOut = A("W_out"); var bRec = A("b_rec"); var bOut = A("b_out"); var init = A("init_state");
        int n = wRec.Shape[0], nin = wIn.Shape[1], nout = wOut.Shape[0];
        double alpha = dt / tau;
        Func<double, double> f = transfer switch { "relu" => v => Math.Max(v, 0), "tanh" => Math.Tanh, _ => v => 1 / (1 + Math.Exp(-v)) };
        var z = new double[Batch * Steps * nout];
        for (int b = 0; b < Batch; b++)
        {
            var x = init.Values.ToArray();
            for (int t = 0; t < Steps; t++)
            {
                var r = x.Select(f).ToArray();
                var next = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double drive = bRec.Values[i];
                    for (int j = 0; j < n; j++) drive += wRec[i, j] * r[j];
                    for (int c = 0; c < nin; c++) drive += wIn[i, c] * u[(b * Steps + t) * nin + c];
                    next[i] = (1 - alpha) * x[i] + alpha * drive;
                }
                x = next;
                for (int o = 0; o < nout; o++)
                {
                    double acc = bOut.Values[o];
                    for (int j = 0; j < n; j++) acc += wOut[o, j] * f(x[j]);
                    z[(b * Steps + t) * nout + o] = acc;
                }
            }
        }
        return z;
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ExportedArraysFollowPsychRnnsEquationsAndImportBack(bool dale)
    {
        var sw = Stopwatch.StartNew();
        var net = dale ? ExactDale() : ExactNonDale();
        var u = Inputs(net.Spec.Nin);
        var original = ModelRun.Z(net, u, Batch, Steps);
        var export = PsychRnnExporter.Export(net, approximate: false);
        Assert.AreEqual(0, export.Changes.Count);
        var file = NpzArchive.Read(export.Weights, "export.npz");
        using var sidecar = System.Text.Json.JsonDocument.Parse(export.SidecarJson);
        double dt = sidecar.RootElement.GetProperty("dt").GetDouble(), tau = sidecar.RootElement.GetProperty("tau").GetDouble();
        string transfer = sidecar.RootElement.GetProperty("transfer_function").GetString()!;
        double err = ModelRun.MaxRelativeError(original, PsychRnnReference(file, dt, tau, transfer, u));
        Assert.AreEqual(dale, file.Members.ContainsKey("dale_ratio"), "dale_ratio only for a Dale network");
        Assert.IsFalse(file.Members.Values.OfType<PickledMember>().Any(), "nothing pickled");

        var back = PsychRnnImporter.Import(export.Weights, "export.npz", new PsychRnnImportOptions
        {
            DtMs = (float)dt, TauMs = (float)tau, RecNoise = (float)sidecar.RootElement.GetProperty("rec_noise").GetDouble(),
            Transfer = TransferFunctions.Parse(transfer),
        });
        var again = ModelRun.Z(back.Network, u, Batch, Steps);
        double errBack = ModelRun.MaxRelativeError(again, original.Select(v => (double)v).ToArray());
        TestContext.WriteLine($"export --to psychrnn ({(dale ? "Dale" : "non-Dale")}): reference loop vs ORT {err:E2}, re-import vs original {errBack:E2} ({sw.ElapsedMilliseconds} ms)");
        Assert.IsTrue(err <= 1e-5, $"reference vs ORT {err:E2}");
        Assert.IsTrue(errBack <= 1e-5, $"re-import {errBack:E2}");
        Assert.AreEqual(net.Spec.Dale, back.Network.Spec.Dale);
        Assert.AreEqual(net.Spec.SigmaRec, back.Network.Spec.SigmaRec);
    }

    [TestMethod]
    public void CommittedPycogModelNeedsApproximateAndListsTheChanges()
    {
        var model = ModelReader.Read(RepositoryPaths.Of("models", "rdm-fixed", "model.onnx")).Network;
        var e = Assert.ThrowsExactly<ModelFileException>(() => PsychRnnExporter.Export(model, approximate: false, "rdm-fixed"));
        StringAssert.Contains(e.Message, "input baseline u0");
        StringAssert.Contains(e.Message, "input rectification");
        StringAssert.Contains(e.Message, "--approximate");
        var approx = PsychRnnExporter.Export(model, approximate: true);
        Assert.IsTrue(approx.Changes.Any(c => c.Contains("folded into b_rec")), string.Join("\n", approx.Changes));
    }

    [TestMethod]
    public void ReadoutFromInhibitoryUnitsIsRefusedExactly()
    {
        var net = ExactDale();
        var w = net.Weights!;
        var wOut = w.WOut.ToArray();
        wOut[9] = -0.3f; // output 0 from unit 9 (inhibitory)
        net = net with { Weights = w with { WOut = wOut } };
        var e = Assert.ThrowsExactly<ModelFileException>(() => PsychRnnExporter.Export(net, approximate: false));
        StringAssert.Contains(e.Message, "readout from inhibitory units");
        Assert.AreEqual(0, ((NumericMember)NpzArchive.Read(PsychRnnExporter.Export(net, true).Weights, "x").Members["W_out"]).Array.Values[9]);
    }
}

/// <summary>Import then export of a PsychRNN file whose E units were not first gives back the file's arrays in its own order.</summary>
[TestClass]
public sealed class PsychRnnRoundTripOrderTests
{
    [TestMethod]
    public void ExportOfAnImportRestoresTheSourceUnitOrder()
    {
        string path = Fixtures.Path("psychrnn_dale.npz");
        var imported = PsychRnnImporter.Import(path, new PsychRnnImportOptions { DtMs = 10, TauMs = 100 });
        var export = PsychRnnExporter.Export(imported.Network, approximate: false);
        StringAssert.Contains(string.Join("\n", export.Notes), "order of the file the model was imported from");
        var original = NpzArchive.Read(path);
        var written = NpzArchive.Read(export.Weights, "export.npz");
        foreach (var key in new[] { "W_in", "W_rec", "W_out", "b_rec", "b_out", "init_state", "Dale_rec", "Dale_out" })
        {
            var a = ((NumericMember)original.Members[key]).Array;
            var b = ((NumericMember)written.Members[key]).Array;
            CollectionAssert.AreEqual(a.Shape.ToArray(), b.Shape.ToArray(), key);
            // float32 in the model: the file's float64 W_in is compared at float32 precision.
            CollectionAssert.AreEqual(a.Values.Select(v => (float)v).ToArray(), b.Values.Select(v => (float)v).ToArray(), key);
        }
        Assert.AreEqual(4.0 / 6, ((NumericMember)written.Members["dale_ratio"]).Array.Values[0], 1e-12);
    }
}
