using EiRnn.Data.Layout;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;
using Parquet;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class LayoutTests
{
    [TestMethod]
    public async Task FilesFollowTheHiveLayoutExactly()
    {
        using var dir = new TempFolder();
        var manifest = SampleData.Manifest(saveR: false, perturbations: ["control", "lesion-e"]);
        await using (var writer = DatasetWriter.Open(dir.Path, manifest, new ShardId(1, 2)))
        {
            await SampleData.WriteUnitsAsync(writer, [1], 3, "control");
            await SampleData.WriteUnitsAsync(writer, [3], 3, "lesion-e");
            await writer.WriteUnitsAsync(Enumerable.Range(0, SampleData.N)
                .Select(i => new UnitRow(i, Core.Network.UnitType.Excitatory, "all", "", 100)).ToArray());
            await writer.CompleteAsync();
        }
        string[] expected =
        [
            "_SUCCESS.1-of-2",
            "manifest.json",
            "timeseries/perturbation=control/part-00001-0000001.parquet",
            "timeseries/perturbation=lesion-e/part-00001-0000003.parquet",
            "trials/perturbation=control/part-00001-0000001.parquet",
            "trials/perturbation=lesion-e/part-00001-0000003.parquet",
            "units/units.parquet",
        ];
        CollectionAssert.AreEqual(expected, dir.Files());
    }

    [TestMethod]
    public async Task PartitionValueLivesOnlyInThePath()
    {
        using var dir = new TempFolder();
        await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: true), ShardId.Single))
            await SampleData.WriteUnitsAsync(writer, [0], 2);
        await using var trials = await ParquetReader.CreateAsync(Path.Combine(dir.Path, "trials/perturbation=control/part-00000-0000000.parquet"));
        string[] columns = trials.Schema.Fields.Select(f => f.Name).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "trial", "seed", "code", "coherence", "modality", "catch", "choice", "correct", "rt_ms", "diverged",
            "fixation_start_ms", "fixation_end_ms", "stimulus_start_ms", "stimulus_end_ms", "decision_start_ms", "decision_end_ms",
        }, columns);
        await using var series = await ParquetReader.CreateAsync(Path.Combine(dir.Path, "timeseries/perturbation=control/part-00000-0000000.parquet"));
        CollectionAssert.AreEqual(new[] { "trial", "z", "r" }, series.Schema.Fields.Select(f => f.Name).ToArray());
    }

    [TestMethod]
    public void NamesParseBack()
    {
        Assert.AreEqual("part-00012-0000345.parquet", DatasetLayout.PartFileName(12, 345));
        Assert.AreEqual((12, 345), DatasetLayout.ParsePartName("part-00012-0000345.parquet"));
        Assert.AreEqual((12, 345), DatasetLayout.ParseTempPartName(".part-00012-0000345.parquet.tmp"));
        Assert.IsNull(DatasetLayout.ParsePartName(".part-00012-0000345.parquet.tmp"));
        Assert.AreEqual("_SUCCESS.3-of-8", DatasetLayout.SuccessFileName(3, 8));
        Assert.AreEqual((3, 8), DatasetLayout.ParseSuccessName("_SUCCESS.3-of-8"));
        Assert.AreEqual("/d/t/.part-00001-0000002.parquet.tmp", DatasetLayout.TempPathFor("/d/t/part-00001-0000002.parquet"));
    }

    [TestMethod]
    public async Task DefaultCompressionIsSnappyAndZstdIsOffered()
    {
        foreach (var (option, codec) in new[] { (DatasetCompression.Snappy, "SNAPPY"), (DatasetCompression.ZstdFast, "ZSTD") })
        {
            using var dir = new TempFolder();
            var options = option == DatasetCompression.Snappy ? new DatasetWriterOptions() : new DatasetWriterOptions { Compression = option };
            await using (var writer = DatasetWriter.Open(dir.Path, SampleData.Manifest(saveR: true), ShardId.Single, options))
                await SampleData.WriteUnitsAsync(writer, [0], 4);
            foreach (string table in new[] { "trials", "timeseries" })
            {
                await using var reader = await ParquetReader.CreateAsync(Path.Combine(dir.Path, table, "perturbation=control/part-00000-0000000.parquet"));
                var codecs = reader.Metadata!.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!.Codec.ToString()).Distinct().ToArray();
                CollectionAssert.AreEqual(new[] { codec }, codecs, $"{table} with {option}");
            }
        }
        // Zstd at level 1: Parquet.Net maps CompressionLevel.Fastest to 1 (its default, SmallestSize, is level 19).
        Assert.AreEqual(System.IO.Compression.CompressionLevel.Fastest,
            new DatasetWriterOptions { Compression = DatasetCompression.ZstdFast }.ToParquetOptions().CompressionLevel);
    }
}
