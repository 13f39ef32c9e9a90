using System.Diagnostics;
using EiRnn.Data.Layout;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;

namespace EiRnn.Data.Tests;

[TestClass]
public sealed class MemoryAndSpeedTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task WritingTwoHundredThousandShortRowsKeepsMemoryFlat()
    {
        using var dir = new TempFolder();
        const int total = 200_000, chunkRows = 500, tSave = 5;
        var manifest = SampleData.Manifest(saveR: false, tSave: tSave);
        var options = new DatasetWriterOptions { TrialRowsPerRowGroup = 10_000, TimeseriesBytesPerRowGroup = 1 << 20 };
        long baseline = 0, peak = 0;
        await using (var writer = DatasetWriter.Open(dir.Path, manifest, ShardId.Single, options))
        {
            await using var unit = await writer.BeginUnitAsync(new WorkUnit(0, "control"));
            for (int first = 0; first < total; first += chunkRows)
            {
                await unit.AppendAsync(SampleData.Chunk(first, chunkRows, saveR: false, tSave: tSave));
                if ((first + chunkRows) % 20_000 != 0) continue;
                long now = GC.GetTotalMemory(forceFullCollection: true);
                if (first + chunkRows == 20_000) baseline = now;
                peak = Math.Max(peak, now);
            }
            await unit.CompleteAsync();
        }
        long growth = peak - baseline;
        TestContext.WriteLine($"managed heap after 20k rows {baseline / 1e6:F1} MB, peak to 200k rows {peak / 1e6:F1} MB, growth {growth / 1e3:F0} kB");
        // Keeping the rows would cost far more: 180k rows x (conditions, outcomes, periods, z) is tens of MB.
        Assert.IsLessThan(4L << 20, growth, $"heap grew by {growth} bytes while writing 180k more rows");
        // And the buffers themselves are small: 10k-row trial groups plus a 1 MB timeseries budget.
        Assert.IsLessThan(32L << 20, peak, $"managed heap peaked at {peak} bytes");
        Assert.AreEqual((long)total, await DatasetReader.Open(dir.Path).CountTrialsAsync("control"));
    }

    /// <summary>
    /// Write throughput for the sweep's shape (z of 150 samples x 2 outputs, no r), Snappy vs fast Zstd. The bound
    /// is loose (the machine is shared); the printed numbers are what the report quotes.
    /// </summary>
    [TestMethod]
    [DataRow(DatasetCompression.Snappy, true)]
    [DataRow(DatasetCompression.Snappy, false)]
    [DataRow(DatasetCompression.ZstdFast, true)]
    public async Task WriteThroughputForSweepShapedRows(DatasetCompression compression, bool flushToDisk)
    {
        using var dir = new TempFolder();
        const int tSave = 150, nout = 2, rows = 40_000, chunkRows = 1_000;
        var manifest = SampleData.Manifest(saveR: false, tSave: tSave, nout: nout);
        var chunks = Enumerable.Range(0, rows / chunkRows)
            .Select(i => SampleData.Chunk(i * chunkRows, chunkRows, saveR: false, tSave: tSave, nout: nout)).ToArray();
        // Realistic z values are not integers: overwrite the exact test pattern with smooth noisy traces.
        var rng = new Core.Random.RandomStream(3);
        foreach (var c in chunks)
            for (int i = 0; i < c.Z.Length; i++) c.Z[i] = (float)(0.5 + 0.4 * Math.Tanh(((i / nout) % tSave) / 50.0) + 0.02 * rng.NextNormal());
        var options = new DatasetWriterOptions { Compression = compression, FlushToDisk = flushToDisk };
        // Warm-up unit (JIT), then the timed unit.
        await using var writer = DatasetWriter.Open(dir.Path, manifest, ShardId.Single, options);
        await using (var warm = await writer.BeginUnitAsync(new WorkUnit(0, "control")))
        {
            await warm.AppendAsync(SampleData.Chunk(10_000_000, 1000, saveR: false, tSave: tSave, nout: nout));
            await warm.CompleteAsync();
        }
        // Two timed units: the first still pays for fresh memory in Parquet.Net's stream pools, the second is
        // the steady state of a long sweep.
        double seconds = 0;
        for (int u = 1; u <= 2; u++)
        {
            var clock = Stopwatch.StartNew();
            await using (var unit = await writer.BeginUnitAsync(new WorkUnit(u, "control")))
            {
                foreach (var c in chunks) await unit.AppendAsync(c);
                await unit.CompleteAsync();
            }
            seconds = clock.Elapsed.TotalSeconds;
            double rawMb = rows * (double)tSave * nout * 4 / 1e6;
            string name = DatasetLayout.PartFileName(0, u);
            long fileBytes = new FileInfo(Path.Combine(dir.Path, "timeseries/perturbation=control", name)).Length
                             + new FileInfo(Path.Combine(dir.Path, "trials/perturbation=control", name)).Length;
            TestContext.WriteLine($"{compression} fsync={flushToDisk} unit {u}: {rows / seconds:F0} rows/s, {rawMb / seconds:F0} MB/s of z, " +
                                  $"{rows} rows in {seconds:F2} s, files {fileBytes / 1e6:F1} MB for {rawMb:F1} MB of z");
        }
        Assert.IsGreaterThan(5_000.0, rows / seconds, "writing is far slower than expected");
    }
}
