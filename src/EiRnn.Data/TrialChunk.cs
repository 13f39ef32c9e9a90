using EiRnn.Tasks.Contract;

namespace EiRnn.Data;

/// <summary>
/// One block of simulated trials as the simulator hands it to the dataset writer: one row per trial in the
/// trials table and in the timeseries table. Time series are already down-sampled to dt_save and
/// flattened time-major per trial: Z is [B, TSave, Nout], R (optional) is [B, TSave, N].
/// </summary>
public sealed record TrialChunk(
    long[] Trial,                                   // [B] unique in the dataset
    long[] Seed,                                    // [B] seed of the trial's noise stream (recorded)
    IReadOnlyList<ITrialCondition> Conditions,      // [B]
    IReadOnlyList<TrialOutcome> Outcomes,           // [B] choice / correct / rt_ms
    IReadOnlyList<IReadOnlyList<Period>> Periods,   // [B] per-period start/end ms
    int TSave, int Nout, int N,
    float[] Z,                                      // [B * TSave * Nout]
    float[]? R)                                     // [B * TSave * N] or null when r is not saved
{
    public int Count => Trial.Length;
}
