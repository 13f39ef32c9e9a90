using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Reading;

/// <summary>One row of the trials table, typed.</summary>
/// <param name="Periods">The periods whose start and end are both non-null, in the manifest's period order.</param>
public sealed record TrialRecord(long Trial, long Seed, TrialConditionValues Conditions, TrialOutcome Outcome, IReadOnlyList<Period> Periods);

/// <summary>
/// One row group of the timeseries table: <see cref="Count"/> trials with z [Count, TSave, Nout] and, when
/// read and saved, r [Count, TSave, N], flattened time-major per trial as stored.
/// </summary>
public sealed class TimeseriesBlock(long[] trial, int tSave, int nout, int n, float[] z, float[]? r)
{
    public int Count => Trial.Length;
    public long[] Trial { get; } = trial;
    public int TSave { get; } = tSave;
    public int Nout { get; } = nout;
    public int N { get; } = n;
    public float[] Z { get; } = z;
    public float[]? R { get; } = r;

    /// <summary>z of row <paramref name="row"/>: [TSave, Nout].</summary>
    public ReadOnlySpan<float> ZOf(int row) => Z.AsSpan(row * TSave * Nout, TSave * Nout);

    /// <summary>r of row <paramref name="row"/>: [TSave, N] (throws when r was not read).</summary>
    public ReadOnlySpan<float> ROf(int row) =>
        (R ?? throw new InvalidOperationException("r was not read (not saved, or not requested)")).AsSpan(row * TSave * N, TSave * N);
}
