using EiRnn.Data.Reading;

namespace EiRnn.Analysis.Runs;

/// <summary>Receives one trial with its saved outputs z [T_save × Nout] and rates r [T_save × N] (empty when not read).</summary>
internal delegate void TrialVisitor(TrialRecord trial, ReadOnlySpan<float> z, ReadOnlySpan<float> r);

/// <summary>Trials of one pass: those handed to the visitor, and the diverged ones left out.</summary>
internal readonly record struct TrialStreamCount(long Visited, long Diverged);

/// <summary>
/// The dataset adapter: one streaming pass over a perturbation partition. It is the only place analyses read
/// trials from, and it never hands a diverged trial (TrialOutcome.Diverged) to the visitor: no analysis sees its
/// outcome or time series, only the count (docs/diverged-trials.md). Without time series only the
/// trials table is read; with them, the trials and timeseries tables are walked side by side (the writer
/// stores both tables of a work unit in the same file names and row order), one row group at a time, and the
/// trial ids are checked to agree. Memory: one row group of each table, whatever the dataset size.
/// </summary>
internal static class TrialStream
{
    public static async Task<TrialStreamCount> ForEachAsync(DatasetReader reader, string perturbation, bool readZ, bool readR,
        TrialVisitor visit, CancellationToken ct)
    {
        long count = 0, diverged = 0;
        if (!readZ && !readR)
        {
            await foreach (var trial in reader.ReadTrialsAsync(perturbation, ct))
            {
                if (trial.Outcome.Diverged) { diverged++; continue; }
                visit(trial, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty);
                count++;
            }
            return new(count, diverged);
        }
        bool withR = readR && reader.Manifest.SavesR;
        await using var trials = reader.ReadTrialsAsync(perturbation, ct).GetAsyncEnumerator(ct);
        await foreach (var block in reader.ReadTimeseriesAsync(perturbation, withR, ct))
        {
            for (int row = 0; row < block.Count; row++)
            {
                if (!await trials.MoveNextAsync())
                    throw new Core.Errors.DatasetException($"dataset '{reader.Directory}', perturbation '{perturbation}': " +
                                                           $"the timeseries table has trial {block.Trial[row]} beyond the end of the trials table");
                var trial = trials.Current;
                if (trial.Trial != block.Trial[row])
                    throw new Core.Errors.DatasetException($"dataset '{reader.Directory}', perturbation '{perturbation}': trials and timeseries " +
                                                           $"rows disagree (trial {trial.Trial} versus {block.Trial[row]}); the tables must be written in the same order");
                if (trial.Outcome.Diverged) { diverged++; continue; }
                visit(trial, block.ZOf(row), withR ? block.ROf(row) : ReadOnlySpan<float>.Empty);
                count++;
            }
        }
        if (await trials.MoveNextAsync())
            throw new Core.Errors.DatasetException($"dataset '{reader.Directory}', perturbation '{perturbation}': trial {trials.Current.Trial} has no timeseries row");
        return new(count, diverged);
    }
}
