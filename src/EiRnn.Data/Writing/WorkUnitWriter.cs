using EiRnn.Core.Errors;
using EiRnn.Core.Io;

namespace EiRnn.Data.Writing;

/// <summary>
/// Writes one work unit: its trials and timeseries part files, fed chunk by chunk and flushed one row group
/// at a time. <see cref="CompleteAsync"/> publishes the timeseries file and then the trials file, so a unit is
/// complete exactly when its trials file exists. Disposing without completing leaves only temporary files.
/// </summary>
public sealed class WorkUnitWriter : IAsyncDisposable
{
    private readonly DatasetWriter _owner;
    private readonly PartFile _trials, _timeseries;
    private readonly TrialsRowGroup _trialRows;
    private readonly TimeseriesRowGroup _seriesRows;
    private long? _lastTrial;
    private bool _done, _failed;

    internal WorkUnitWriter(DatasetWriter owner, WorkUnit unit, PartFile trials, PartFile timeseries,
        TrialsRowGroup trialRows, TimeseriesRowGroup seriesRows)
    {
        (_owner, Unit, _trials, _timeseries, _trialRows, _seriesRows) = (owner, unit, trials, timeseries, trialRows, seriesRows);
    }

    public WorkUnit Unit { get; }

    /// <summary>Trials appended so far.</summary>
    public long RowCount { get; private set; }

    public async Task AppendAsync(TrialChunk chunk, CancellationToken ct = default)
    {
        if (_done) throw new InvalidOperationException($"work unit {Unit.Index} is already completed or abandoned");
        if (_failed) throw new InvalidOperationException($"work unit {Unit.Index} failed earlier; dispose it and write the unit again");
        try
        {
            await AppendCheckedAsync(chunk, ct);
        }
        catch
        {
            _failed = true;  // rows may be half-buffered: this unit can only be abandoned now
            throw;
        }
    }

    private async Task AppendCheckedAsync(TrialChunk chunk, CancellationToken ct)
    {
        ChunkValidation.Check(chunk, _owner.Manifest);
        // Strictly increasing ids make them unique within the unit in O(1) memory (units are disjoint id ranges).
        foreach (long id in chunk.Trial)
        {
            if (_lastTrial is long last && id <= last)
                throw new DatasetException($"work unit {Unit.Index}: trial id {id} follows {last}; ids must increase within a unit");
            _lastTrial = id;
        }
        for (int b = 0; b < chunk.Count; b++)
        {
            _trialRows.Add(chunk, b);
            if (_trialRows.IsFull) await SafeFile.GuardAsync("write", _trials.FinalPath, () => _trialRows.FlushAsync(_trials.Writer, ct));
        }
        for (int first = 0; first < chunk.Count;)
        {
            first += _seriesRows.Add(chunk, first);
            if (_seriesRows.IsFull) await SafeFile.GuardAsync("write", _timeseries.FinalPath, () => _seriesRows.FlushAsync(_timeseries.Writer, ct));
        }
        RowCount += chunk.Count;
    }

    /// <summary>Writes the last row groups and footers, then renames timeseries first and trials last.</summary>
    public async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_done) throw new InvalidOperationException($"work unit {Unit.Index} is already completed or abandoned");
        if (_failed) throw new InvalidOperationException($"work unit {Unit.Index} failed earlier; dispose it and write the unit again");
        _failed = true;  // until the renames below succeed
        await SafeFile.GuardAsync("write", _trials.FinalPath, () => _trialRows.FlushAsync(_trials.Writer, ct));
        await SafeFile.GuardAsync("write", _timeseries.FinalPath, () => _seriesRows.FlushAsync(_timeseries.Writer, ct));
        await _timeseries.CloseAsync();
        await _trials.CloseAsync();
        _timeseries.Publish();
        _trials.Publish();
        (_done, _failed) = (true, false);
        _owner.UnitFinished(Unit, completed: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _trialRows.Clear();
            _seriesRows.Clear();
            _done = true;
            _owner.UnitFinished(Unit, completed: false);
        }
        await _trials.DisposeAsync();
        await _timeseries.DisposeAsync();
    }
}
