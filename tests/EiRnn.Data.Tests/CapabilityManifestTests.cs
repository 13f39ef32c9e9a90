using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Tests;

/// <summary>
/// Task capabilities in the manifest (docs/datasets.md#task-capabilities): every built-in task declares some, they name its own
/// columns and periods, survive the manifest's JSON, and a manifest of an earlier schema version (none) still reads.
/// </summary>
[TestClass]
public sealed class CapabilityManifestTests
{
    private static DatasetManifest ManifestOf(ICognitiveTask task) => SampleData.Manifest(saveR: true) with
    {
        Task = task.Description.Name, ConditionColumns = task.ConditionColumns, PeriodNames = task.Description.PeriodNames,
        Capabilities = task.Description.Capabilities,
    };

    [TestMethod]
    public void EveryBuiltInTaskDeclaresCapabilitiesThatRoundTrip()
    {
        var registry = TaskRegistry.BuiltIn();
        Assert.HasCount(10, registry.Names);
        foreach (string name in registry.Names)
        {
            var task = registry.Create(name);
            var caps = task.Description.Capabilities;
            Assert.IsFalse(caps.IsEmpty, $"{name} declares nothing");
            using var dir = new TempFolder();
            ManifestStore.WriteOrVerify(dir.Path, ManifestOf(task), "t");
            var back = ManifestStore.Read(dir.Path);
            Assert.AreEqual(DatasetManifest.CurrentSchemaVersion, back.SchemaVersion);
            // Records compare lists by reference: compare the JSON instead.
            Assert.AreEqual(Core.Config.JsonConfig.Serialize(caps), Core.Config.JsonConfig.Serialize(back.Capabilities), name);
        }
    }

    [TestMethod]
    public void DeclaredNamesMustBeTheTasksColumnsAndPeriods()
    {
        var task = TaskRegistry.BuiltIn().Create("romo");
        var m = ManifestOf(task);
        var e = Assert.Throws<DatasetException>(() => (m with { Capabilities = m.Capabilities! with { Pairs = m.Capabilities.Pairs! with { MemoryPeriod = "hold" } } }).Validated());
        StringAssert.Contains(e.Message, "capabilities.pairs.memory_period");
        e = Assert.Throws<DatasetException>(() => (m with { Capabilities = m.Capabilities! with { Evidence = m.Capabilities.Evidence! with { Column = "f3_hz" } } }).Validated());
        StringAssert.Contains(e.Message, "capabilities.evidence.column");
        e = Assert.Throws<DatasetException>(() => (m with { Capabilities = m.Capabilities! with { CatchColumn = "f1_hz" } }).Validated());
        StringAssert.Contains(e.Message, "capabilities.catch_column");
    }

    [TestMethod]
    public void AnEarlierVersionWithoutCapabilitiesStillReads()
    {
        using var dir = new TempFolder();
        var m = SampleData.Manifest(saveR: true) with { SchemaVersion = DatasetManifest.CapabilitiesSchemaVersion - 1 };
        ManifestStore.WriteOrVerify(dir.Path, m, "t");
        var back = ManifestStore.Read(dir.Path);
        Assert.AreEqual(DatasetManifest.CapabilitiesSchemaVersion - 1, back.SchemaVersion);
        Assert.IsNull(back.Capabilities);
    }
}
