using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Which samples are saved. Sample k is at time (k+1)·dt (docs/model.md#time-indexing); with dt_save = m·dt the
/// kept samples are those whose time is a multiple of dt_save: k = (j+1)·m − 1, j = 0..⌊T/m⌋−1, at (j+1)·dt_save.
/// </summary>
public readonly record struct SaveGrid(int Stride, int SavedSamples)
{
    public static SaveGrid For(float dtMs, float dtSaveMs, int steps) =>
        new(StrideFor(dtMs, dtSaveMs), steps / StrideFor(dtMs, dtSaveMs));

    /// <summary>m = dt_save / dt, which must be a whole number ≥ 1.</summary>
    public static int StrideFor(float dtMs, float dtSaveMs)
    {
        double ratio = (double)dtSaveMs / dtMs;
        long m = (long)Math.Round(ratio);
        if (m < 1 || Math.Abs(ratio - m) > 1e-4 * m || m > int.MaxValue)
            throw new ConfigException("dt_save", $"must be a positive multiple of dt = {dtMs} ms, got {dtSaveMs} ms");
        return (int)m;
    }

    /// <summary>The simulation sample index of saved sample j.</summary>
    public int SampleIndex(int j) => (j + 1) * Stride - 1;

    /// <summary>The first saved sample at or after simulation sample k.</summary>
    public int FirstSavedAtOrAfter(int k) => (k + 1 + Stride - 1) / Stride - 1;
}
