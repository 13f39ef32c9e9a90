using System.Diagnostics;
using EiRnn.Core.Network;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;

namespace EiRnn.Simulation.Runs;

/// <summary>One work unit of a dataset: its index (the part file and resume key), perturbation and trial count.</summary>
public sealed record DatasetUnit(int Index, string Perturbation, int Trials);

/// <summary>What a pass over a dataset's units did: trials simulated now, units skipped, Parquet write time, diverged trials.</summary>
public sealed record DatasetUnitTotals(long TrialsSimulated, int UnitsSkipped, double WriteSeconds, IReadOnlyList<DivergedTrialCount> Diverged);

/// <summary>
/// The work-unit loop of `simulate` and `sweep`: opens the dataset (or shard), skips units already on disk so an
/// interrupted run resumes with the same rows, simulates and writes the others in order, reports progress, and
/// returns each unit's garbage (<see cref="UnitGarbage"/>) before the next unit allocates its own.
/// </summary>
public static class DatasetUnits
{
    /// <param name="simulate">The unit's trials, simulated and scored (the chunk's arrays may be reused by the next call).</param>
    public static async Task<DatasetUnitTotals> RunAsync(string outDir, DatasetManifest manifest, ShardId shard, NetworkSpec network,
        IReadOnlyList<DatasetUnit> units, Func<DatasetUnit, CancellationToken, TrialChunk> simulate, IProgress<TrialProgress>? progress, CancellationToken cancel)
    {
        await using var writer = DatasetWriter.Open(outDir, manifest, shard);
        await writer.WriteUnitsAsync(UnitRow.FromSpec(network), cancel).ConfigureAwait(false);
        long total = units.Sum(u => (long)u.Trials);
        long done = units.Where(u => writer.IsUnitComplete(u.Index)).Sum(u => (long)u.Trials);
        progress?.Report(new TrialProgress(total, done, TrialProgressStage.Started));
        long now = 0; double writeSeconds = 0; int skipped = 0;
        var diverged = new DivergedTrialTally();
        foreach (var unit in units)
        {
            if (writer.IsUnitComplete(unit.Index)) { skipped++; continue; }
            cancel.ThrowIfCancellationRequested();
            var chunk = simulate(unit, cancel);
            diverged.Add(unit.Perturbation, chunk);
            long started = Stopwatch.GetTimestamp();
            await writer.WriteUnitAsync(new WorkUnit(unit.Index, unit.Perturbation), chunk, cancel).ConfigureAwait(false);
            writeSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            now += chunk.Count;
            done += chunk.Count;
            progress?.Report(new TrialProgress(total, done, TrialProgressStage.UnitWritten));
            UnitGarbage.Collect();
        }
        await writer.CompleteAsync(cancel).ConfigureAwait(false);
        progress?.Report(new TrialProgress(total, done, TrialProgressStage.Finished));
        return new DatasetUnitTotals(now, skipped, writeSeconds, diverged.Counts);
    }
}
