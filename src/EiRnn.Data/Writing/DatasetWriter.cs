using System.Globalization;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Data.Layout;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Data.Schema;
using Parquet;
using EiRnn.Core.Io;

namespace EiRnn.Data.Writing;

/// <summary>
/// One shard's writer into a dataset folder (docs/datasets.md, docs/sweeps.md#work-units-seeds-and-shards).
/// Opening writes the manifest (or verifies it) and cleans up after an interrupted run of this shard; then
/// each work unit is written by a <see cref="WorkUnitWriter"/> into its own part files
/// `&lt;table&gt;/perturbation=&lt;id&gt;/part-&lt;shard&gt;-&lt;unit&gt;.parquet`, one unit at a time; a unit whose
/// trials file exists is complete and is skipped on resume. <see cref="CompleteAsync"/> writes
/// `_SUCCESS.&lt;I&gt;-of-&lt;N&gt;` last. Row-group buffers are allocated once, so memory stays flat however many
/// rows are written.
/// </summary>
public sealed class DatasetWriter : IAsyncDisposable
{
    private const string SchemaVersionKey = "eirnn.schema_version", TableKey = "eirnn.table", UnitKey = "eirnn.work_unit";
    private readonly ParquetOptions _parquet;
    private readonly TrialsSchema _trialsSchema;
    private readonly TimeseriesSchema _seriesSchema;
    private readonly TrialsRowGroup _trialRows;
    private readonly TimeseriesRowGroup _seriesRows;
    private readonly HashSet<int> _completed;
    private WorkUnitWriter? _open;

    private DatasetWriter(string directory, DatasetManifest manifest, ShardId shard, DatasetWriterOptions options, HashSet<int> completed)
    {
        (Directory, Manifest, Shard, Options, _completed) = (directory, manifest, shard, options, completed);
        _parquet = options.ToParquetOptions();
        _trialsSchema = new TrialsSchema(manifest);
        _seriesSchema = new TimeseriesSchema(manifest.SavesR);
        _trialRows = new TrialsRowGroup(manifest, _trialsSchema, options.TrialRowsPerRowGroup);
        _seriesRows = new TimeseriesRowGroup(manifest, _seriesSchema, options.TimeseriesBytesPerRowGroup);
    }

    public string Directory { get; }
    public DatasetManifest Manifest { get; }
    public ShardId Shard { get; }
    public DatasetWriterOptions Options { get; }

    /// <summary>
    /// Opens (creating if needed) a dataset folder for shard <paramref name="shard"/>: writes or verifies the
    /// manifest, deletes this shard's leftover temporary files, its stale `_SUCCESS` and the timeseries file of
    /// any of its units whose trials file is missing (interrupted between the two renames).
    /// </summary>
    public static DatasetWriter Open(string directory, DatasetManifest manifest, ShardId shard, DatasetWriterOptions? options = null)
    {
        options = (options ?? new DatasetWriterOptions()).Validated();
        manifest.Validated();
        try
        {
            ManifestStore.WriteOrVerify(directory, manifest, "shard" + shard.Index.ToString(CultureInfo.InvariantCulture));
            var completed = ResumeCleanup(directory, shard);
            return new DatasetWriter(directory, manifest, shard, options, completed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"dataset '{directory}': {e.Message}", e);
        }
    }

    private static HashSet<int> ResumeCleanup(string root, ShardId shard)
    {
        var completed = new HashSet<int>();
        foreach (string p in DatasetLayout.Partitions(root, DatasetTable.Trials))
            foreach (string f in DatasetLayout.PartFiles(root, DatasetTable.Trials, p))
                completed.Add(DatasetLayout.ParsePartName(Path.GetFileName(f))!.Value.Unit);
        foreach (var table in new[] { DatasetTable.Trials, DatasetTable.Timeseries })
            foreach (string p in DatasetLayout.Partitions(root, table))
                foreach (string f in System.IO.Directory.EnumerateFiles(DatasetLayout.PartitionFolder(root, table, p)))
                {
                    string name = Path.GetFileName(f);
                    if (DatasetLayout.ParseTempPartName(name) is { } temp && temp.Shard == shard.Index) Delete(f);
                    // Only this shard's own units: another shard may be between its two renames right now.
                    else if (table == DatasetTable.Timeseries && DatasetLayout.ParsePartName(name) is { } part
                             && shard.Owns(part.Unit) && !completed.Contains(part.Unit)) Delete(f);
                }
        string unitsTemp = UnitsTempPath(root, shard);
        if (File.Exists(unitsTemp)) Delete(unitsTemp);
        Delete(Path.Combine(root, DatasetLayout.SuccessFileName(shard.Index, shard.Count)));
        return completed;
    }

    private static void Delete(string path) => SafeFile.Guard("delete", path, () => File.Delete(path));

    private static string UnitsTempPath(string root, ShardId shard) =>
        Path.Combine(DatasetLayout.TableFolder(root, DatasetTable.Units),
            string.Create(CultureInfo.InvariantCulture, $".{DatasetLayout.UnitsFileName}.{shard.Index}.tmp"));

    /// <summary>True when the unit's trials file exists (written by any shard, in this run or an earlier one).</summary>
    public bool IsUnitComplete(int unitIndex) => _completed.Contains(unitIndex);

    public IReadOnlyCollection<int> CompletedUnits => _completed;

    /// <summary>Starts writing a work unit of this shard; only one unit is open at a time.</summary>
    public async Task<WorkUnitWriter> BeginUnitAsync(WorkUnit unit, CancellationToken ct = default)
    {
        if (_open is not null) throw new InvalidOperationException($"work unit {_open.Unit.Index} is still open; complete or dispose it first");
        if (unit.Index < 0) throw new DatasetException($"work unit index must be >= 0, got {unit.Index}");
        if (!Shard.Owns(unit.Index)) throw new DatasetException($"work unit {unit.Index} does not belong to shard {Shard}");
        if (Manifest.FindPerturbation(unit.Perturbation) is null)
            throw new DatasetException($"work unit {unit.Index}: perturbation '{unit.Perturbation}' is not in the manifest");
        if (_completed.Contains(unit.Index)) throw new DatasetException($"work unit {unit.Index} is already complete; skip it");
        string unitText = unit.Index.ToString(CultureInfo.InvariantCulture);
        var trials = await CreatePartAsync(DatasetTable.Trials, unit, _trialsSchema.Schema, unitText, ct);
        try
        {
            var series = await CreatePartAsync(DatasetTable.Timeseries, unit, _seriesSchema.Schema, unitText, ct);
            _open = new WorkUnitWriter(this, unit, trials, series, _trialRows, _seriesRows);
            return _open;
        }
        catch
        {
            await trials.DisposeAsync();
            throw;
        }
    }

    private async Task<PartFile> CreatePartAsync(DatasetTable table, WorkUnit unit, Parquet.Schema.ParquetSchema schema, string unitText, CancellationToken ct)
    {
        string path = DatasetLayout.PartPath(Directory, table, unit.Perturbation, Shard.Index, unit.Index);
        var meta = new Dictionary<string, string>
        {
            [SchemaVersionKey] = Manifest.SchemaVersion.ToString(CultureInfo.InvariantCulture),
            [TableKey] = DatasetLayout.TableFolderName(table),
            [UnitKey] = unitText,
        };
        return await PartFile.CreateAsync(path, schema, _parquet, meta, Options.FlushToDisk, ct);
    }

    internal void UnitFinished(WorkUnit unit, bool completed)
    {
        if (completed) _completed.Add(unit.Index);
        _open = null;
    }

    /// <summary>Writes one whole work unit from a single chunk (begin, append, complete).</summary>
    public async Task WriteUnitAsync(WorkUnit unit, TrialChunk chunk, CancellationToken ct = default)
    {
        await using var part = await BeginUnitAsync(unit, ct).ConfigureAwait(false);
        await part.AppendAsync(chunk, ct).ConfigureAwait(false);
        await part.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes `units/units.parquet` unless it already exists (its content follows from the model).</summary>
    public async Task WriteUnitsAsync(IReadOnlyList<UnitRow> units, CancellationToken ct = default)
    {
        if (units.Count != Manifest.N) throw new DatasetException($"units table: {units.Count} rows for a network of n = {Manifest.N}");
        for (int i = 0; i < units.Count; i++)
            if (units[i].Unit != i) throw new DatasetException($"units table: row {i} is unit {units[i].Unit}; rows must be units 0..N-1 in order");
        string path = DatasetLayout.UnitsPath(Directory);
        if (File.Exists(path)) return;
        var schema = new UnitsSchema();
        var meta = new Dictionary<string, string>
        {
            [SchemaVersionKey] = Manifest.SchemaVersion.ToString(CultureInfo.InvariantCulture),
            [TableKey] = DatasetLayout.TableFolderName(DatasetTable.Units),
        };
        await using var part = await PartFile.CreateAsync(path, UnitsTempPath(Directory, Shard), schema.Schema, _parquet, meta, Options.FlushToDisk, ct);
        await SafeFile.GuardAsync("write", path, async () =>
        {
            using var rg = part.Writer.CreateRowGroup();
            await rg.WriteAsync<int>(schema.Unit, units.Select(u => u.Unit).ToArray(), cancellationToken: ct);
            await rg.WriteAsync(schema.Type, units.Select(u => (string?)u.TypeCode).ToArray());
            await rg.WriteAsync(schema.Area, units.Select(u => (string?)u.Area).ToArray());
            await rg.WriteAsync(schema.InputGroup, units.Select(u => (string?)u.InputGroup).ToArray());
            await rg.WriteAsync<double>(schema.TauMs, units.Select(u => u.TauMs).ToArray(), cancellationToken: ct);
            rg.CompleteValidate();
        });
        await part.CloseAsync();
        part.Publish();
    }

    /// <summary>
    /// Marks this shard complete: counts its rows from its part files' footers and writes
    /// `_SUCCESS.&lt;I&gt;-of-&lt;N&gt;` (temporary name, then rename). Call after the shard's last unit.
    /// </summary>
    public async Task<ShardSuccess> CompleteAsync(CancellationToken ct = default)
    {
        if (_open is not null) throw new InvalidOperationException($"work unit {_open.Unit.Index} is still open");
        var units = new HashSet<int>();
        var partitions = new List<PartitionRowCount>();
        var ids = DatasetLayout.Partitions(Directory, DatasetTable.Trials)
            .Union(DatasetLayout.Partitions(Directory, DatasetTable.Timeseries)).Order(StringComparer.Ordinal);
        foreach (string p in ids)
        {
            var (trials, trialFiles) = await CountOwnRowsAsync(DatasetTable.Trials, p, units, ct);
            var (series, seriesFiles) = await CountOwnRowsAsync(DatasetTable.Timeseries, p, null, ct);
            if (trialFiles + seriesFiles > 0) partitions.Add(new PartitionRowCount(p, trials, series));
        }
        var success = new ShardSuccess(Shard.Index, Shard.Count, units.Count, partitions);
        string path = Path.Combine(Directory, DatasetLayout.SuccessFileName(Shard.Index, Shard.Count));
        SafeFile.WriteAllTextAtomically(path, JsonConfig.Serialize(success) + "\n");
        return success;
    }

    private async Task<(long Rows, int Files)> CountOwnRowsAsync(DatasetTable table, string perturbation, HashSet<int>? units, CancellationToken ct)
    {
        long rows = 0;
        int files = 0;
        foreach (string f in DatasetLayout.PartFiles(Directory, table, perturbation))
        {
            var (shard, unit) = DatasetLayout.ParsePartName(Path.GetFileName(f))!.Value;
            if (shard != Shard.Index) continue;
            rows += await PartFileReader.RowCountAsync(f, ct);
            files++;
            units?.Add(unit);
        }
        return (rows, files);
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is not null) await _open.DisposeAsync();
    }
}
