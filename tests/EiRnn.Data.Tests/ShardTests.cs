using EiRnn.Core.Config;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class ShardTests
{
    [TestMethod]
    public async Task TwoShardsWriteDisjointFilesThatReadBackAsTheUnion()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: true, perturbations: ["control", "lesion"]);
        // Units 0..5: even units are control, odd units lesion; unit u holds trials u*1000 + 0..2.
        static string PerturbationOf(int u) => u % 2 == 0 ? "control" : "lesion";
        await using var shard0 = DatasetWriter.Open(dir.Path, manifest, new ShardId(0, 2));
        await using var shard1 = DatasetWriter.Open(dir.Path, manifest, new ShardId(1, 2));
        for (int u = 0; u < 6; u++)
            await SampleData.WriteUnitsAsync(u % 2 == 0 ? shard0 : shard1, [u], 3, PerturbationOf(u));

        var reader = DatasetReader.Open(dir.Path);
        var status = reader.Status(expectedShardCount: 2);
        Assert.IsFalse(status.IsComplete);
        CollectionAssert.AreEqual(new[] { 0, 1 }, status.MissingShards.ToArray());

        var s1 = await shard1.CompleteAsync();
        status = reader.Status();
        Assert.AreEqual(2, status.ShardCount);
        CollectionAssert.AreEqual(new[] { 0 }, status.MissingShards.ToArray());
        await shard0.CompleteAsync();
        Assert.IsTrue(reader.Status().IsComplete);

        // Shard 1 wrote units 1, 3, 5 (all lesion), 3 trials each.
        Assert.AreEqual(3, s1.Units);
        Assert.AreEqual(new PartitionRowCount("lesion", 9, 9), s1.Partitions.Single());
        var onDisk = JsonConfig.Parse<ShardSuccess>(File.ReadAllText(Path.Combine(dir.Path, "_SUCCESS.1-of-2")));
        Assert.AreEqual(9L, onDisk.TrialRows);

        var files = dir.Files().Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(12, files.Length);
        Assert.AreEqual(6, files.Count(f => f.Contains("/part-00000-", StringComparison.Ordinal)));

        CollectionAssert.AreEqual(new[] { "control", "lesion" }, reader.Perturbations.ToArray());
        var control = (await reader.ReadTrialsAsync("control").ToListAsync()).Select(r => r.Trial).ToArray();
        var lesion = (await reader.ReadTrialsAsync("lesion").ToListAsync()).Select(r => r.Trial).ToArray();
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 2000, 2001, 2002, 4000, 4001, 4002 }, control);
        CollectionAssert.AreEqual(new long[] { 1000, 1001, 1002, 3000, 3001, 3002, 5000, 5001, 5002 }, lesion);
        var lesionSeries = (await reader.ReadTimeseriesAsync("lesion").ToListAsync()).SelectMany(b => b.Trial).ToArray();
        CollectionAssert.AreEqual(lesion, lesionSeries);
    }

    [TestMethod]
    public async Task MixedShardCountsAreReported()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: false);
        await using (var a = DatasetWriter.Open(dir.Path, manifest, new ShardId(0, 2))) await a.CompleteAsync();
        await using (var b = DatasetWriter.Open(dir.Path, manifest, new ShardId(0, 3))) await b.CompleteAsync();
        var e = Assert.ThrowsExactly<Core.Errors.DatasetException>(() => DatasetReader.Open(dir.Path).Status());
        StringAssert.Contains(e.Message, "2, 3");
    }
}
