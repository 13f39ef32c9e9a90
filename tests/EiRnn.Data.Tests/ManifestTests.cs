using System.Text.Json;
using System.Text.Json.Nodes;
using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class ManifestTests
{
    [TestMethod]
    public void ManifestIsWrittenOnceWithTheContractKeys()
    {
        using var dir = new TempFolder();
        var m = SampleData.Manifest(saveR: true);
        ManifestStore.WriteOrVerify(dir.Path, m, "t");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "manifest.json")))!.AsObject();
        string[] keys =
        [
            "schema_version", "model_sha256", "task", "dt_ms", "dt_save_ms", "t_save", "sample_times_ms", "timing", "seeds",
            "sweep", "perturbations", "condition_columns", "period_names", "n", "nout", "output_names", "saved", "capabilities",
        ];
        CollectionAssert.AreEquivalent(keys, json.Select(p => p.Key).ToArray());
        Assert.AreEqual("test", (string)json["timing"]!);
        Assert.AreEqual("int32", (string)json["condition_columns"]![0]!["kind"]!);
        Assert.AreEqual("r", (string)json["saved"]![1]!);
        Assert.AreEqual(30.0, (double)json["sample_times_ms"]![2]!);
        CollectionAssert.AreEqual(new[] { "manifest.json" }, dir.Files(), "no temporary file is left");

        var back = ManifestStore.Read(dir.Path);
        Assert.AreEqual(m.DtSaveMs, back.DtSaveMs);
        Assert.AreEqual(m.ConditionColumns[2], back.ConditionColumns[2]);
        ManifestStore.WriteOrVerify(dir.Path, m, "t");   // identical: accepted
    }

    [TestMethod]
    public void MismatchNamesTheDifferingKey()
    {
        using var dir = new TempFolder();
        var m = SampleData.Manifest(saveR: true, perturbations: ["control", "lesion"]);
        ManifestStore.WriteOrVerify(dir.Path, m, "a");
        var e = Assert.ThrowsExactly<DatasetException>(() => ManifestStore.WriteOrVerify(dir.Path, m with { DtSaveMs = 20 }, "b"));
        StringAssert.Contains(e.Message, "'dt_save_ms'");
        var other = JsonDocument.Parse("{\"kind\": \"lesion\", \"units\": [2]}").RootElement;
        e = Assert.ThrowsExactly<DatasetException>(() => ManifestStore.WriteOrVerify(dir.Path,
            m with { Perturbations = [m.Perturbations[0], new PerturbationEntry("lesion", other)] }, "b"));
        StringAssert.Contains(e.Message, "'perturbations[1].parameters.units[0]'");
        e = Assert.ThrowsExactly<DatasetException>(() => DatasetWriter.Open(dir.Path, m with { Saved = [SavedSeries.Z] }, ShardId.Single));
        StringAssert.Contains(e.Message, "'saved'");
    }

    [TestMethod]
    public void FirstDifferenceWalksObjectsAndArrays()
    {
        Assert.IsNull(ManifestStore.FirstDifference(JsonNode.Parse("{\"a\":[1,{\"b\":2}]}"), JsonNode.Parse("{\"a\":[1,{\"b\":2}]}"), ""));
        Assert.AreEqual("a[1].b", ManifestStore.FirstDifference(JsonNode.Parse("{\"a\":[1,{\"b\":2}]}"), JsonNode.Parse("{\"a\":[1,{\"b\":3}]}"), ""));
        Assert.AreEqual("a", ManifestStore.FirstDifference(JsonNode.Parse("{\"a\":[1]}"), JsonNode.Parse("{\"a\":[1,2]}"), ""));
        Assert.AreEqual("c", ManifestStore.FirstDifference(JsonNode.Parse("{\"a\":1}"), JsonNode.Parse("{\"a\":1,\"c\":null}"), ""));
    }

    [TestMethod]
    public void InvalidManifestsAreRejectedNamingTheKey()
    {
        var m = SampleData.Manifest(saveR: false);
        static string KeyOf(DatasetManifest bad) => Assert.ThrowsExactly<DatasetException>(() => bad.Validated()).Message;
        StringAssert.Contains(KeyOf(m with { Perturbations = [new PerturbationEntry("a/b", m.Perturbations[0].Parameters)] }), "'perturbations[0].id'");
        StringAssert.Contains(KeyOf(m with { Perturbations = [new PerturbationEntry(".hidden", m.Perturbations[0].Parameters)] }), "'perturbations[0].id'");
        StringAssert.Contains(KeyOf(m with { ConditionColumns = [new ConditionColumn("choice", ConditionColumnKind.Int32, "")] }), "'condition_columns[0].name'");
        StringAssert.Contains(KeyOf(m with { ConditionColumns = [new ConditionColumn("perturbation", ConditionColumnKind.String, "")] }), "'condition_columns[0].name'");
        StringAssert.Contains(KeyOf(m with { SampleTimesMs = [10, 30, 20] }), "'sample_times_ms[2]'");
        StringAssert.Contains(KeyOf(m with { ModelSha256 = "ABC" }), "'model_sha256'");
        StringAssert.Contains(KeyOf(m with { Saved = [SavedSeries.R] }), "'saved'");
        StringAssert.Contains(KeyOf(m with { OutputNames = ["one"] }), "'output_names'");
    }
}

[TestClass]
public sealed class ModelFileHashTests
{
    [TestMethod]
    public void HashMatchesTheFips180Example()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "model.onnx");
        File.WriteAllText(path, "abc");
        // FIPS 180-2 appendix B.1: SHA-256("abc").
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ModelFileHash.Sha256(path));
        Assert.ThrowsExactly<DatasetException>(() => ModelFileHash.Sha256(Path.Combine(dir.Path, "missing.onnx")));
    }
}
