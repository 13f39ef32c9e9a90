using EiRnn.Core.Errors;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class RejectionTests
{
    [TestMethod]
    public void MissingDatasetOrManifestIsRejected()
    {
        using var dir = new TempFolder();
        StringAssert.Contains(Assert.ThrowsExactly<DatasetException>(() => DatasetReader.Open(Path.Combine(dir.Path, "nope"))).Message, "does not exist");
        StringAssert.Contains(Assert.ThrowsExactly<DatasetException>(() => DatasetReader.Open(dir.Path)).Message, "manifest.json");
        File.WriteAllText(Path.Combine(dir.Path, "manifest.json"), "{\"schema_version\": 1}");
        StringAssert.Contains(Assert.ThrowsExactly<DatasetException>(() => DatasetReader.Open(dir.Path)).Message, "is required but missing");
    }

    [TestMethod]
    public async Task CorruptOrTruncatedPartFilesAreRejectedNamingTheFile()
    {
        using var dir = new TempFolder();
        await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: false), ShardId.Single))
            await SampleData.WriteUnitsAsync(writer, [0], 4);
        string good = Path.Combine(dir.Path, "trials/perturbation=control/part-00000-0000000.parquet");
        string bad = Path.Combine(dir.Path, "trials/perturbation=control/part-00000-0000001.parquet");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(bad, bytes[..(bytes.Length - 20)]);   // truncated footer
        var reader = DatasetReader.Open(dir.Path);
        var e = await Assert.ThrowsExactlyAsync<DatasetException>(() => reader.ReadTrialsAsync("control").ToListAsync().AsTask());
        StringAssert.Contains(e.Message, "part-00000-0000001.parquet");
        File.WriteAllText(bad, "not parquet at all, just some text that is long enough");
        e = await Assert.ThrowsExactlyAsync<DatasetException>(() => reader.ReadTrialsAsync("control").ToListAsync().AsTask());
        StringAssert.Contains(e.Message, "part-00000-0000001.parquet");
        await Assert.ThrowsExactlyAsync<DatasetException>(() => reader.ReadTrialsAsync("no-such").ToListAsync().AsTask());
    }

    [TestMethod]
    public async Task TimeseriesListsOfTheWrongLengthAreRejected()
    {
        using var dir = new TempFolder();
        using var other = new TempFolder();
        await using (var w = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: false), ShardId.Single))
            await SampleData.WriteUnitsAsync(w, [0], 2);
        await using (var w = DatasetWriter.Open(other.Path, SampleData.Manifest(saveR: false, tSave: 4), ShardId.Single))
            await SampleData.WriteUnitsAsync(w, [0], 2);
        // A file of a dataset with t_save 4 dropped into one whose manifest says t_save 3.
        File.Copy(Path.Combine(other.Path, "timeseries/perturbation=control/part-00000-0000000.parquet"),
            Path.Combine(dir.Path, "timeseries/perturbation=control/part-00000-0000000.parquet"), overwrite: true);
        var e = await Assert.ThrowsExactlyAsync<DatasetException>(() => DatasetReader.Open(dir.Path).ReadTimeseriesAsync("control").ToListAsync().AsTask());
        StringAssert.Contains(e.Message, "expected 2 x 6");
    }

    [TestMethod]
    public async Task ChunksThatDisagreeWithTheManifestAreRejected()
    {
        using var dir = new TempFolder();
        await using var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: true), ShardId.Single);
        async Task<string> Reject(TrialChunk chunk)
        {
            await using var unit = await writer.BeginUnitAsync(new WorkUnit(0, "control"));
            return (await Assert.ThrowsExactlyAsync<DatasetException>(() => unit.AppendAsync(chunk))).Message;
        }
        var good = SampleData.Chunk(1, 2, saveR: true);
        StringAssert.Contains(await Reject(good with { R = null }), "r has no values");
        StringAssert.Contains(await Reject(SampleData.Chunk(1, 2, saveR: true, tSave: 4)), "t_save is 4");
        StringAssert.Contains(await Reject(good with { Outcomes = [new TrialOutcome(2, true, 1), good.Outcomes[1]] }), "choice 2");
        StringAssert.Contains(await Reject(good with { Trial = [5, 5] }), "ids must increase");
        StringAssert.Contains(await Reject(good with { Periods = [[new Period("delay", 0, 1)], good.Periods[1]] }), "'delay'");
        StringAssert.Contains(await Reject(good with { Conditions = [new SwappedCondition(), good.Conditions[1]] }), "'coherence' (Double) where 'code' (Int32)");
        // Nothing of the rejected units became visible.
        Assert.AreEqual(0L, await DatasetReader.Open(dir.Path).CountTrialsAsync("control"));
    }

    /// <summary>A faulty task condition that writes its columns out of the declared order.</summary>
    private sealed class SwappedCondition : ITrialCondition
    {
        public bool IsCatch => false;
        public void Write(IConditionWriter w)
        {
            w.Double("coherence", 1);
            w.Int32("code", 1);
        }
    }
}
