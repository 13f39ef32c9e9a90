using System.Text.Json;
using EiRnn.Simulation.Model;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using EiRnn.TestSupport;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// ONNX Runtime, driven through <see cref="ModelSession"/>, reproduces the contract example's expected outputs
/// (computed in float64 by an implementation outside this project) from the example's own feeds.
/// </summary>
[TestClass]
public sealed class FixtureCasesTests
{
    [TestMethod]
    public void SessionReproducesEveryFixtureCase()
    {
        var model = SimulationModel.Read(ContractFixture.ModelPath);
        // The fixture's feeds are batch-major: run the canonical graph.
        using var session = ModelSession.Open(model, new SessionSettings { PreferTimeMajor = false });
        Assert.AreEqual(ScanLayout.BatchMajor, session.Layout);
        using var doc = JsonDocument.Parse(File.ReadAllText(ContractFixture.CasesPath));
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            var feeds = c.GetProperty("feeds");
            var (u, uShape) = Flatten(feeds.GetProperty("u"));
            int b = (int)uShape[0], t = (int)uShape[1];
            var names = new List<string> { "u", "noise_in", "noise_rec", "x_init" };
            var values = new List<OrtValue>
            {
                OrtValue.CreateTensorValueFromMemory(u, uShape),
                Tensor(feeds.GetProperty("noise_in")), Tensor(feeds.GetProperty("noise_rec")), Tensor(feeds.GetProperty("x_init")),
            };
            foreach (var scalar in new[] { "dt", "sigma_in", "sigma_rec" })
                if (feeds.TryGetProperty(scalar, out var v))
                {
                    names.Add(scalar);
                    values.Add(OrtValue.CreateTensorValueFromMemory(new[] { v.GetSingle() }, []));
                }
            var z = new float[b * t * model.Nout]; var r = new float[b * t * model.N]; var xLast = new float[b * model.N];
            var outputs = new[]
            {
                OrtValue.CreateTensorValueFromMemory(z, [b, t, model.Nout]),
                OrtValue.CreateTensorValueFromMemory(r, [b, t, model.N]),
                OrtValue.CreateTensorValueFromMemory(xLast, [b, model.N]),
            };
            using var runOptions = new RunOptions();
            session.Run(runOptions, names, values, ["z", "r", "x_last"], outputs);
            foreach (var value in values.Concat(outputs)) value.Dispose();

            var expected = c.GetProperty("expected");
            AssertClose(z, expected.GetProperty("z"), $"{name}: z");
            AssertClose(r, expected.GetProperty("r"), $"{name}: r");
            AssertClose(xLast, expected.GetProperty("x_last"), $"{name}: x_last");
            cases++;
        }
        Assert.AreEqual(3, cases, "the fixture holds three cases");
    }

    [TestMethod]
    public void ReaderSeesTheFixtureContract()
    {
        var model = SimulationModel.Read(ContractFixture.ModelPath);
        Assert.AreEqual((20, 3, 2), (model.N, model.Nin, model.Nout));
        Assert.AreEqual(20f, model.DefaultDtMs);
        Assert.AreEqual((16, 4), (model.NExc, model.NInh));
        CollectionAssert.AreEqual(ContractFixture.Weights.X0, model.X0);
        CollectionAssert.AreEquivalent(new[] { "dt", "sigma_in", "sigma_rec" }, model.OverridableScalars.ToArray());
        CollectionAssert.AreEqual(new[] { "in0", "in1", "in2" }, model.InputNames.ToArray());
    }

    private static void AssertClose(float[] actual, JsonElement expected, string what)
    {
        var (values, _) = Flatten(expected);
        var (ok, worst, at) = ReferenceEuler.Compare(actual, values.Select(v => (double)v).ToArray());
        Assert.IsTrue(ok, $"{what}: worst |error| {worst:G3} at index {at}");
    }

    private static OrtValue Tensor(JsonElement e)
    {
        var (data, shape) = Flatten(e);
        return OrtValue.CreateTensorValueFromMemory(data, shape);
    }

    /// <summary>Nested JSON arrays → row-major floats and their shape.</summary>
    private static (float[] Data, long[] Shape) Flatten(JsonElement e)
    {
        var shape = new List<long>();
        for (var probe = e; probe.ValueKind == JsonValueKind.Array; probe = probe[0]) shape.Add(probe.GetArrayLength());
        var data = new List<float>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) { foreach (var y in x.EnumerateArray()) Walk(y); }
            else data.Add((float)x.GetDouble());
        }
        Walk(e);
        return ([.. data], [.. shape]);
    }
}
