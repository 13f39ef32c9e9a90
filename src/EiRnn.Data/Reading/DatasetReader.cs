using System.Runtime.CompilerServices;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;
using EiRnn.Data.Layout;
using EiRnn.Data.Manifest;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Reading;

/// <summary>
/// Reads a dataset folder one row group at a time (never a whole table in memory): its manifest, its
/// shards' status, and per perturbation partition its trials and time series, in file-name then row order.
/// Temporary `.part-*` files are never read. Anything missing or unreadable throws <see cref="DatasetException"/>.
/// </summary>
public sealed class DatasetReader
{
    private readonly ConditionColumnLookup _columns;

    private DatasetReader(string directory, DatasetManifest manifest)
    {
        (Directory, Manifest) = (directory, manifest);
        _columns = new ConditionColumnLookup(manifest.ConditionColumns);
    }

    public string Directory { get; }
    public DatasetManifest Manifest { get; }

    public static DatasetReader Open(string directory) => new(directory, ManifestStore.Read(directory));

    /// <summary>Perturbation partitions present in the trials table, in ordinal order.</summary>
    public IReadOnlyList<string> Perturbations => DatasetLayout.Partitions(Directory, DatasetTable.Trials);

    /// <summary>Which shards have written `_SUCCESS`; pass the expected shard count when no shard has finished yet.</summary>
    public DatasetStatus Status(int? expectedShardCount = null)
    {
        var found = new List<ShardSuccess>();
        foreach (string f in System.IO.Directory.EnumerateFiles(Directory, "_SUCCESS.*"))
        {
            if (DatasetLayout.ParseSuccessName(Path.GetFileName(f)) is not { } id) continue;
            ShardSuccess s;
            try { s = JsonConfig.Validated(JsonConfig.Parse<ShardSuccess>(SafeFile.ReadAllText(f), f), x => x.Validated(), f); }
            catch (ConfigException e) { throw new DatasetException(e.Message, e); }
            if (s.Shard != id.Shard || s.ShardCount != id.ShardCount)
                throw new DatasetException($"{f}: says shard {s.Shard} of {s.ShardCount}, its name says {id.Shard} of {id.ShardCount}");
            found.Add(s);
        }
        var counts = found.Select(s => s.ShardCount).Distinct().ToList();
        if (expectedShardCount is int expected) counts = [.. counts.Union([expected])];
        if (counts.Count > 1)
            throw new DatasetException($"dataset '{Directory}': _SUCCESS files for different shard counts ({string.Join(", ", counts.Order())}); " +
                                       "a sweep must keep its shard count");
        int? n = counts.Count == 1 ? counts[0] : null;
        var done = found.OrderBy(s => s.Shard).ToArray();
        var missing = n is int c ? Enumerable.Range(0, c).Except(done.Select(s => s.Shard)).ToArray() : [];
        return new DatasetStatus(n, done, missing);
    }

    /// <summary>
    /// For a complete dataset (every shard wrote `_SUCCESS`): checks that the part files on disk hold the rows the
    /// shards recorded, so that a part file deleted or damaged afterwards is refused instead of analysed as if
    /// the trials had never been simulated. Reads only the footers.
    /// </summary>
    public async Task VerifyCompleteAsync(CancellationToken ct = default)
    {
        var status = Status();
        if (!status.IsComplete) return;
        var recorded = status.CompletedShards.SelectMany(s => s.Partitions).GroupBy(p => p.Perturbation, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Trials: g.Sum(p => p.Trials), Timeseries: g.Sum(p => p.Timeseries)), StringComparer.Ordinal);
        foreach (var (perturbation, (trials, timeseries)) in recorded)
        {
            foreach (var (table, expected) in new[] { (DatasetTable.Trials, trials), (DatasetTable.Timeseries, timeseries) })
            {
                long found = 0;
                foreach (string path in DatasetLayout.PartFiles(Directory, table, perturbation))
                    found += await PartFileReader.RowCountAsync(path, ct);
                if (found != expected)
                    throw new DatasetException($"dataset '{Directory}': the {DatasetLayout.TableFolderName(table)} part files of perturbation " +
                                               $"'{perturbation}' hold {found} rows, the _SUCCESS files record {expected} (a part file is missing or damaged)");
            }
        }
    }

    private void RequirePerturbation(string perturbation)
    {
        if (Manifest.FindPerturbation(perturbation) is null)
            throw new DatasetException($"dataset '{Directory}' has no perturbation '{perturbation}' (manifest lists: " +
                                       $"{string.Join(", ", Manifest.Perturbations.Select(p => p.Id))})");
    }

    /// <summary>Every trial of one perturbation partition, typed.</summary>
    public async IAsyncEnumerable<TrialRecord> ReadTrialsAsync(string perturbation, [EnumeratorCancellation] CancellationToken ct = default)
    {
        RequirePerturbation(perturbation);
        var decoder = new TrialRowGroupDecoder(Manifest, _columns);
        foreach (string path in DatasetLayout.PartFiles(Directory, DatasetTable.Trials, perturbation))
        {
            await using var reader = await PartFileReader.OpenAsync(path, ct);
            var columns = decoder.Resolve(reader.Schema, path);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var rows = await decoder.ReadAsync(reader.OpenRowGroupReader(g), columns, path, ct);
                foreach (var row in rows) yield return row;
            }
        }
    }

    /// <summary>The time series of one perturbation partition, one row group per block.</summary>
    /// <param name="includeR">Read r too (when saved); false skips its bytes entirely.</param>
    public async IAsyncEnumerable<TimeseriesBlock> ReadTimeseriesAsync(string perturbation, bool includeR = true,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        RequirePerturbation(perturbation);
        var decoder = new TimeseriesRowGroupDecoder(Manifest, includeR && Manifest.SavesR);
        foreach (string path in DatasetLayout.PartFiles(Directory, DatasetTable.Timeseries, perturbation))
        {
            await using var reader = await PartFileReader.OpenAsync(path, ct);
            var columns = decoder.Resolve(reader.Schema, path);
            for (int g = 0; g < reader.RowGroupCount; g++)
                yield return await decoder.ReadAsync(reader.OpenRowGroupReader(g), columns, path, ct);
        }
    }

    /// <summary>The units table.</summary>
    public async Task<IReadOnlyList<UnitRow>> ReadUnitsAsync(CancellationToken ct = default)
    {
        string path = DatasetLayout.UnitsPath(Directory);
        if (!File.Exists(path)) throw new DatasetException($"dataset '{Directory}' has no units table ({path})");
        await using var reader = await PartFileReader.OpenAsync(path, ct);
        return await UnitsDecoder.ReadAsync(reader, path, Manifest.N, ct);
    }

    /// <summary>Total rows of the trials table in one partition, from the files' footers only.</summary>
    public async Task<long> CountTrialsAsync(string perturbation, CancellationToken ct = default)
    {
        RequirePerturbation(perturbation);
        long rows = 0;
        foreach (string path in DatasetLayout.PartFiles(Directory, DatasetTable.Trials, perturbation))
            rows += await PartFileReader.RowCountAsync(path, ct);
        return rows;
    }
}
