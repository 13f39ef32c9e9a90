using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Interop.Bundle;
using EiRnn.Interop.Tests.Support;

namespace EiRnn.Interop.Tests;

/// <summary>The generic bundle (docs/import-export.md#generic-bundle): a tanh network with per-unit τ, baseline and rectified inputs.</summary>
[TestClass]
public sealed class BundleImportTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TanhBundleWithPerUnitTauReproducesNumPy()
    {
        var expected = Fixtures.Load("bundle_tanh.expected.json");
        var sw = Stopwatch.StartNew();
        var imported = NpzBundleImporter.Import(Fixtures.Path("bundle_tanh.npz"), Fixtures.Path("bundle_tanh.spec.json"));
        float[] z = ModelRun.Z(imported.Network, expected.U, expected.Batch, expected.Steps);
        double err = ModelRun.MaxRelativeError(z, expected.Z);
        TestContext.WriteLine($"bundle (tanh, per-unit tau): max relative error {err:E2} ({sw.ElapsedMilliseconds} ms)");
        Assert.IsTrue(err <= 1e-5, $"max relative error {err:E2}");
        Assert.AreEqual(HiddenNonlinearity.Tanh, imported.Network.Spec.Hidden);
        CollectionAssert.AreEqual(new[] { 50f, 60f, 70f, 80f, 90f, 100f, 200f }, imported.Network.Spec.TauMs.ToArray());
    }

    [TestMethod]
    public void RFormIsRefusedWithTheKey()
    {
        var spec = JsonConfig.Load<NpzBundleSpec>(Fixtures.Path("bundle_tanh.spec.json")) with { Dynamics = "r-form" };
        var e = Assert.ThrowsExactly<ConfigException>(() => NpzBundleImporter.Import(File.ReadAllBytes(Fixtures.Path("bundle_tanh.npz")), "b.npz", spec, "spec.json"));
        Assert.AreEqual("dynamics", e.Field);
    }

    [TestMethod]
    public void SpecProblemsNameTheKey()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eirnn-bundle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string Write(string json) { string p = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".json"); File.WriteAllText(p, json); return p; }
            string npz = Fixtures.Path("bundle_tanh.npz");
            var wrongLength = Assert.ThrowsExactly<ConfigException>(() => NpzBundleImporter.Import(npz, Write("""{ "dt_ms": 5, "tau_ms": [50, 60] }""")));
            Assert.AreEqual("tau_ms", wrongLength.Field);
            var badTau = Assert.ThrowsExactly<ConfigException>(() => NpzBundleImporter.Import(npz, Write("""{ "dt_ms": 5, "tau_ms": [50, 60, 70, 80, 90, -1, 200] }""")));
            Assert.AreEqual("tau_ms[5]", badTau.Field);
            var unknown = Assert.ThrowsExactly<ConfigException>(() => NpzBundleImporter.Import(npz, Write("""{ "dt_ms": 5, "tau_ms": 100, "tua": 1 }""")));
            StringAssert.Contains(unknown.Message, "tua");
            var types = Assert.ThrowsExactly<ConfigException>(() => NpzBundleImporter.Import(npz, Write("""{ "dt_ms": 5, "tau_ms": 100, "unit_types": ["E","E","E","E","E","X","I"] }""")));
            Assert.AreEqual("unit_types[5]", types.Field);
            // A random tanh network is not Dale: its violations are listed naming the array and index.
            var dale = Assert.ThrowsExactly<ModelFileException>(() => NpzBundleImporter.Import(npz, Write("""{ "dt_ms": 5, "tau_ms": 100, "unit_types": ["E","E","E","E","E","I","I"] }""")));
            StringAssert.Contains(dale.Message, "array 'W_");
        }
        finally { Directory.Delete(dir, true); }
    }
}

/// <summary>The hand-written schema lists exactly the spec record's keys.</summary>
[TestClass]
public sealed class BundleSchemaTests
{
    [TestMethod]
    public void SchemaPropertiesAreTheRecordsKeys()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(EiRnn.TestSupport.RepositoryPaths.Of("schemas", "npz-bundle-spec.schema.json")));
        var schemaKeys = doc.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
        var recordKeys = typeof(NpzBundleSpec).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).Order().ToArray();
        CollectionAssert.AreEqual(recordKeys, schemaKeys);
    }
}
