using EiRnn.Data.Reading;
using EiRnn.Data.Writing;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class ResumeTests
{
    [TestMethod]
    public async Task AbandonedUnitLeavesOnlyHiddenTempFilesThatReadersIgnoreAndResumeDeletes()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: true);
        var small = new DatasetWriterOptions { TrialRowsPerRowGroup = 2, TimeseriesBytesPerRowGroup = 400 };
        await using (var writer = DatasetWriter.Open(dir.Path, manifest, ShardId.Single, small))
        {
            await SampleData.WriteUnitsAsync(writer, [0], 3);
            var unit = await writer.BeginUnitAsync(new WorkUnit(1, "control"));
            await unit.AppendAsync(SampleData.Chunk(1000, 5, saveR: true));   // row groups already flushed into the temp files
            await unit.DisposeAsync();   // stopped mid-file: no CompleteAsync
            Assert.IsFalse(writer.IsUnitComplete(1));
        }
        CollectionAssert.AreEqual(new[]
        {
            "manifest.json",
            "timeseries/perturbation=control/.part-00000-0000001.parquet.tmp",
            "timeseries/perturbation=control/part-00000-0000000.parquet",
            "trials/perturbation=control/.part-00000-0000001.parquet.tmp",
            "trials/perturbation=control/part-00000-0000000.parquet",
        }, dir.Files());
        Assert.IsGreaterThan(0L, new FileInfo(Path.Combine(dir.Path, "trials/perturbation=control/.part-00000-0000001.parquet.tmp")).Length);

        var reader = DatasetReader.Open(dir.Path);
        CollectionAssert.AreEqual(new long[] { 0, 1, 2 }, (await reader.ReadTrialsAsync("control").ToListAsync()).Select(r => r.Trial).ToArray());

        await using (var resumed = DatasetWriter.Open(dir.Path, manifest, ShardId.Single, small))
        {
            Assert.IsTrue(resumed.IsUnitComplete(0));
            Assert.IsFalse(resumed.IsUnitComplete(1));
            Assert.IsFalse(dir.Files().Any(f => Path.GetFileName(f).StartsWith('.')), "resume deletes this shard's temp files");
            await SampleData.WriteUnitsAsync(resumed, [1], 3);
        }
        var trials = (await reader.ReadTrialsAsync("control").ToListAsync()).Select(r => r.Trial).ToArray();
        CollectionAssert.AreEqual(new long[] { 0, 1, 2, 1000, 1001, 1002 }, trials);
    }

    [TestMethod]
    public async Task ResumeDeletesATimeseriesFileWhoseTrialsFileIsMissing()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: false);
        await using (var writer = DatasetWriter.Open(dir.Path, manifest, ShardId.Single))
            await SampleData.WriteUnitsAsync(writer, [0, 1], 2);
        // Interrupted between the two renames of unit 1: its timeseries file is final, its trials file is not.
        File.Delete(Path.Combine(dir.Path, "trials/perturbation=control/part-00000-0000001.parquet"));
        await using (var resumed = DatasetWriter.Open(dir.Path, manifest, ShardId.Single))
        {
            Assert.IsFalse(resumed.IsUnitComplete(1));
            Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "timeseries/perturbation=control/part-00000-0000001.parquet")));
            Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "timeseries/perturbation=control/part-00000-0000000.parquet")));
        }
    }

    [TestMethod]
    public async Task ResumeLeavesOtherShardsTempFilesAlone()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: false);
        await using var shard0 = DatasetWriter.Open(dir.Path, manifest, new ShardId(0, 2));
        await using var open = await shard0.BeginUnitAsync(new WorkUnit(0, "control"));
        await open.AppendAsync(SampleData.Chunk(0, 2, saveR: false));
        await using (DatasetWriter.Open(dir.Path, manifest, new ShardId(1, 2))) { }   // shard 1 (re)starts meanwhile
        Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "trials/perturbation=control/.part-00000-0000000.parquet.tmp")));
        await open.CompleteAsync();
        Assert.AreEqual(2L, await DatasetReader.Open(dir.Path).CountTrialsAsync("control"));
    }

    [TestMethod]
    public async Task CompletedUnitCannotBeWrittenTwiceAndUnitsMustBelongToTheShard()
    {
        using var dir = new TempFolder();
        await using var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: false), new ShardId(1, 3));
        await SampleData.WriteUnitsAsync(writer, [4], 1);
        await Assert.ThrowsExactlyAsync<Core.Errors.DatasetException>(() => writer.BeginUnitAsync(new WorkUnit(4, "control")));
        var e = await Assert.ThrowsExactlyAsync<Core.Errors.DatasetException>(() => writer.BeginUnitAsync(new WorkUnit(5, "control")));
        StringAssert.Contains(e.Message, "1-of-3");
        await Assert.ThrowsExactlyAsync<Core.Errors.DatasetException>(() => writer.BeginUnitAsync(new WorkUnit(7, "no-such")));
    }
}
