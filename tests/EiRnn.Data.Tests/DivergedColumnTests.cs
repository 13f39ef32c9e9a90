using System.Text.Json.Nodes;
using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Tests;

/// <summary>
/// The trials table's `diverged` column (schema version 2): written and read back, and absent from datasets of
/// version 1, which this build still reads as "no trial diverged".
/// </summary>
[TestClass]
public sealed class DivergedColumnTests
{
    /// <summary>Trials 1..9 of the sample rule, with trials 4 and 8 diverged.</summary>
    private static TrialChunk WithDiverged()
    {
        var chunk = SampleData.Chunk(1, 9, saveR: false);
        var outcomes = chunk.Outcomes.ToArray();
        outcomes[3] = outcomes[7] = TrialOutcome.DivergedTrial;
        return chunk with { Outcomes = outcomes };
    }

    private static async Task WriteAsync(string dir, TrialChunk chunk)
    {
        await using var writer = DatasetWriter.Open(dir, SampleData.Manifest(saveR: false), ShardId.Single);
        await using var unit = await writer.BeginUnitAsync(new WorkUnit(0, "control"));
        await unit.AppendAsync(chunk);
        await unit.CompleteAsync();
    }

    /// <summary>Turns a written dataset into one of schema version 1: manifest version 1, trials files without `diverged`.</summary>
    private static async Task DowngradeToVersion1(string dir, int version = 1)
    {
        string manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["schema_version"] = version;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        foreach (string path in Directory.GetFiles(Path.Combine(dir, "trials"), "*.parquet", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(path);
            await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
            var kept = reader.Schema.DataFields.Where(f => f.Name != "diverged").ToArray();
            Assert.AreEqual(reader.Schema.DataFields.Length - 1, kept.Length, "the written file had a diverged column");
            var old = kept.Select(f => new DataField(f.Name, f.ClrType, f.IsNullable)).ToArray();
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(old), stream);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var from = reader.OpenRowGroupReader(g);
                using var to = writer.CreateRowGroup();
                int n = checked((int)from.RowCount);
                for (int k = 0; k < kept.Length; k++) await CopyColumn(from, to, kept[k], old[k], n);
                to.CompleteValidate();
            }
        }
    }

    private static async Task CopyColumn(ParquetRowGroupReader from, ParquetRowGroupWriter to, DataField source, DataField target, int n)
    {
        async Task Copy<T>() where T : struct
        {
            if (source.IsNullable) { var v = new T?[n]; await from.ReadAsync<T>(source, v.AsMemory()); await to.WriteAsync<T>(target, v.AsMemory()); }
            else { var v = new T[n]; await from.ReadAsync<T>(source, v.AsMemory()); await to.WriteAsync<T>(target, v.AsMemory()); }
        }
        if (source.ClrType == typeof(long)) await Copy<long>();
        else if (source.ClrType == typeof(int)) await Copy<int>();
        else if (source.ClrType == typeof(double)) await Copy<double>();
        else if (source.ClrType == typeof(bool)) await Copy<bool>();
        else
        {
            var v = new string?[n];
            await from.ReadAsync(source, v.AsMemory());
            await to.WriteAsync(target, new ArraySegment<string?>(v));
        }
    }

    [TestMethod]
    public async Task DivergedTrialsReadBackWithNoOutcome()
    {
        using var dir = new TempFolder();
        await WriteAsync(dir.Path, WithDiverged());
        var rows = await DatasetReader.Open(dir.Path).ReadTrialsAsync("control").ToListAsync();
        CollectionAssert.AreEqual(new long[] { 4, 8 }, rows.Where(r => r.Outcome.Diverged).Select(r => r.Trial).ToArray());
        foreach (var row in rows.Where(r => !r.Outcome.Diverged)) Assert.AreEqual(SampleData.OutcomeOf(row.Trial), row.Outcome, $"trial {row.Trial}");
        Assert.IsTrue(rows.Where(r => r.Outcome.Diverged).All(r => r.Outcome == TrialOutcome.DivergedTrial));
    }

    [TestMethod]
    public async Task ADatasetOfVersion1IsReadAsNoTrialDiverged()
    {
        using var dir = new TempFolder();
        await WriteAsync(dir.Path, SampleData.Chunk(1, 9, saveR: false));
        await DowngradeToVersion1(dir.Path);
        var reader = DatasetReader.Open(dir.Path);
        Assert.AreEqual(1, reader.Manifest.SchemaVersion);
        var rows = await reader.ReadTrialsAsync("control").ToListAsync();
        CollectionAssert.AreEqual(Enumerable.Range(1, 9).Select(i => (long)i).ToArray(), rows.Select(r => r.Trial).ToArray());
        foreach (var row in rows) Assert.AreEqual(SampleData.OutcomeOf(row.Trial), row.Outcome, $"trial {row.Trial}");
        Assert.AreEqual(9, (await reader.ReadTimeseriesAsync("control").ToListAsync()).Sum(b => b.Count));
    }

    [TestMethod]
    public async Task ADatasetOfVersion2WithoutTheColumnIsRefusedNamingIt()
    {
        using var dir = new TempFolder();
        await WriteAsync(dir.Path, SampleData.Chunk(1, 3, saveR: false));
        await DowngradeToVersion1(dir.Path, version: DatasetManifest.CurrentSchemaVersion);
        var e = await Assert.ThrowsAsync<DatasetException>(async () => await DatasetReader.Open(dir.Path).ReadTrialsAsync("control").ToListAsync());
        StringAssert.Contains(e.Message, "'diverged'");
    }

    [TestMethod]
    public void ANewerVersionIsRefused()
    {
        var e = Assert.Throws<DatasetException>(() => (SampleData.Manifest(saveR: false) with { SchemaVersion = DatasetManifest.CurrentSchemaVersion + 1 }).Validated());
        StringAssert.Contains(e.Message, "schema_version");
    }
}
