using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;
using EiRnn.Data.Schema;
using EiRnn.Tasks.Contract;
using Parquet;

namespace EiRnn.Data.Writing;

/// <summary>
/// Buffers up to <see cref="Capacity"/> rows of the trials table as typed column arrays (allocated once and
/// reused for every row group of every file), then writes them as one row group.
/// </summary>
internal sealed class TrialsRowGroup : IConditionWriter
{
    private readonly TrialsSchema _schema;
    private readonly string _task;
    private readonly long[] _trial, _seed;
    private readonly ConditionColumnBuffer[] _conditions;
    private readonly int?[] _choice;
    private readonly bool?[] _correct;
    private readonly double?[] _rt;
    private readonly bool[] _diverged;
    private readonly double?[][] _start, _end;
    private readonly Dictionary<string, int> _periodIndex;
    private int _row, _nextColumn;

    public TrialsRowGroup(DatasetManifest manifest, TrialsSchema schema, int capacity)
    {
        (_schema, _task, Capacity) = (schema, manifest.Task, capacity);
        (_trial, _seed) = (new long[capacity], new long[capacity]);
        _conditions = manifest.ConditionColumns.Select((c, i) => new ConditionColumnBuffer(c, schema.Conditions[i], capacity)).ToArray();
        (_choice, _correct, _rt, _diverged) = (new int?[capacity], new bool?[capacity], new double?[capacity], new bool[capacity]);
        _start = manifest.PeriodNames.Select(_ => new double?[capacity]).ToArray();
        _end = manifest.PeriodNames.Select(_ => new double?[capacity]).ToArray();
        _periodIndex = manifest.PeriodNames.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
    }

    public int Capacity { get; }
    public int Count { get; private set; }
    public bool IsFull => Count == Capacity;

    /// <summary>Copies trial <paramref name="b"/> of a (validated) chunk into the next free row.</summary>
    public void Add(TrialChunk chunk, int b)
    {
        if (IsFull) throw new InvalidOperationException("row group is full; flush it first");
        _row = Count;
        _trial[_row] = chunk.Trial[b];
        _seed[_row] = chunk.Seed[b];
        _nextColumn = 0;
        chunk.Conditions[b].Write(this);
        if (_nextColumn != _conditions.Length)
            throw new DatasetException($"task '{_task}': a condition wrote {_nextColumn} of its {_conditions.Length} columns; " +
                                       $"'{_conditions[_nextColumn].Column.Name}' is missing");
        var o = chunk.Outcomes[b];
        (_choice[_row], _correct[_row], _rt[_row], _diverged[_row]) = (o.Choice, o.Correct, o.RtMs, o.Diverged);
        for (int p = 0; p < _start.Length; p++) _start[p][_row] = _end[p][_row] = null;
        foreach (var period in chunk.Periods[b])
        {
            if (!_periodIndex.TryGetValue(period.Name, out int p))
                throw new DatasetException($"trial {chunk.Trial[b]}: period '{period.Name}' is not one of the manifest's period_names");
            if (_start[p][_row] is not null)
                throw new DatasetException($"trial {chunk.Trial[b]}: period '{period.Name}' appears twice");
            (_start[p][_row], _end[p][_row]) = (period.StartMs, period.EndMs);
        }
        Count++;
    }

    public async Task FlushAsync(ParquetWriter writer, CancellationToken ct)
    {
        if (Count == 0) return;
        using (var rg = writer.CreateRowGroup())
        {
            await rg.WriteAsync<long>(_schema.Trial, _trial.AsMemory(0, Count), cancellationToken: ct);
            await rg.WriteAsync<long>(_schema.Seed, _seed.AsMemory(0, Count), cancellationToken: ct);
            foreach (var c in _conditions) await c.WriteAsync(rg, Count, ct);
            await rg.WriteAsync<int>(_schema.Choice, _choice.AsMemory(0, Count), cancellationToken: ct);
            await rg.WriteAsync<bool>(_schema.Correct, _correct.AsMemory(0, Count), cancellationToken: ct);
            await rg.WriteAsync<double>(_schema.RtMs, _rt.AsMemory(0, Count), cancellationToken: ct);
            await rg.WriteAsync<bool>(_schema.Diverged, _diverged.AsMemory(0, Count), cancellationToken: ct);
            for (int p = 0; p < _start.Length; p++)
            {
                await rg.WriteAsync<double>(_schema.PeriodStart[p], _start[p].AsMemory(0, Count), cancellationToken: ct);
                await rg.WriteAsync<double>(_schema.PeriodEnd[p], _end[p].AsMemory(0, Count), cancellationToken: ct);
            }
            rg.CompleteValidate();
        }
        Count = 0;
    }

    /// <summary>Drops buffered rows (an abandoned file).</summary>
    public void Clear() => Count = 0;

    // IConditionWriter: a condition must write the manifest's columns in order, each with its declared kind.
    private ConditionColumnBuffer Next(string name, ConditionColumnKind kind)
    {
        if (_nextColumn >= _conditions.Length)
            throw new DatasetException($"task '{_task}': a condition wrote an extra column '{name}'");
        var c = _conditions[_nextColumn++];
        if (c.Column.Name != name || c.Column.Kind != kind)
            throw new DatasetException($"task '{_task}': a condition wrote column '{name}' ({kind}) where " +
                                       $"'{c.Column.Name}' ({c.Column.Kind}) was expected");
        return c;
    }

    void IConditionWriter.Int32(string name, int? value) => Next(name, ConditionColumnKind.Int32).SetInt32(_row, value);
    void IConditionWriter.Double(string name, double? value) => Next(name, ConditionColumnKind.Double).SetDouble(_row, value);
    void IConditionWriter.String(string name, string? value) => Next(name, ConditionColumnKind.String).SetString(_row, value);
    void IConditionWriter.Bool(string name, bool? value) => Next(name, ConditionColumnKind.Bool).SetBool(_row, value);
}
