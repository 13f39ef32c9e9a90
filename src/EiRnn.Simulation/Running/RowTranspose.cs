namespace EiRnn.Simulation.Running;

/// <summary>
/// Moves rows of width w between the trial-major layout of trial batches ([trial][step][w], trial stride
/// given) and the time-major layout of the compiled graph ([step][trial][w]). Narrow rows (inputs, outputs)
/// are copied in tiles of steps, so both sides stay within a few pages at a time instead of touching a new
/// page for every 8-byte row.
/// </summary>
internal static class RowTranspose
{
    private const int TileSteps = 16;

    /// <summary>dst[(k·trials + i)·w ..] = src[first + i·stride + k·w ..] for trials [from, to) and all steps.</summary>
    public static void ToTimeMajor(float[] src, int first, int stride, float[] dst, int trials, int from, int to, int steps, int w)
    {
        for (int k0 = 0; k0 < steps; k0 += TileSteps)
        {
            int k1 = Math.Min(steps, k0 + TileSteps);
            for (int i = from; i < to; i++)
            {
                int s = first + i * stride + k0 * w;
                for (int k = k0; k < k1; k++, s += w)
                {
                    int d = (k * trials + i) * w;
                    for (int c = 0; c < w; c++) dst[d + c] = src[s + c];
                }
            }
        }
    }

    /// <summary>dst[first + i·stride + k·w ..] = src[(k·trials + i)·w ..] for every trial and step.</summary>
    public static void FromTimeMajor(float[] src, int trials, int steps, int w, float[] dst, int first, int stride)
    {
        for (int k0 = 0; k0 < steps; k0 += TileSteps)
        {
            int k1 = Math.Min(steps, k0 + TileSteps);
            for (int i = 0; i < trials; i++)
            {
                int d = first + i * stride + k0 * w;
                for (int k = k0; k < k1; k++, d += w)
                {
                    int s = (k * trials + i) * w;
                    for (int c = 0; c < w; c++) dst[d + c] = src[s + c];
                }
            }
        }
    }
}
