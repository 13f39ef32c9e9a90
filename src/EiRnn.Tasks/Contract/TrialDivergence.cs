using System.Numerics;
using System.Runtime.InteropServices;

namespace EiRnn.Tasks.Contract;

/// <summary>
/// A trial has diverged when any of its own outputs z (padding excluded), or any state or rate the simulator
/// observes inside it, is NaN or ±Inf (docs/diverged-trials.md). Such a trial has no behaviour: its
/// outcome is <see cref="TrialOutcome.DivergedTrial"/>. The scans here only read buffers already in memory.
/// </summary>
public static class TrialDivergence
{
    /// <summary>True when any value is NaN or ±Inf (v − v is 0 for every finite v and NaN otherwise).</summary>
    public static bool AnyNonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var bad = Vector<int>.Zero;
            foreach (var v in vectors) bad |= ~Vector.Equals(v - v, Vector<float>.Zero);
            if (bad != Vector<int>.Zero) return true;
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < values.Length; i++) if (!float.IsFinite(values[i])) return true;
        return false;
    }

    /// <summary>True when trial <paramref name="trial"/> of the batch has a non-finite z in its own steps [0, TrialSteps).</summary>
    public static bool OutputsDiverged(TrialBatch batch, ReadOnlySpan<float> z, int trial) =>
        AnyNonFinite(z.Slice(batch.OutputIndex(trial, 0, 0), batch.TrialSteps[trial] * batch.OutputCount));

    /// <summary>Replaces the outcome of every trial whose own outputs are non-finite by <see cref="TrialOutcome.DivergedTrial"/>.</summary>
    public static TrialOutcome[] MarkOutputsDiverged(TrialBatch batch, ReadOnlySpan<float> z, TrialOutcome[] outcomes)
    {
        for (int b = 0; b < batch.BatchSize; b++)
            if (OutputsDiverged(batch, z, b)) outcomes[b] = TrialOutcome.DivergedTrial;
        return outcomes;
    }
}
