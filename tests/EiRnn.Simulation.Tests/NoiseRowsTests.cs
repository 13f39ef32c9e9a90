using EiRnn.Simulation.Noise;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// The strided, mapped writer against the contiguous stream (CounterNormals.Fill) and the map applied one value at
/// a time in float64 (exact for these magnitudes, then rounded once per operation as IEEE single does).
/// </summary>
[TestClass]
public sealed class NoiseRowsTests
{
    private const ulong Key = 0xC0FFEEUL;

    [TestMethod]
    [DataRow(150, 0, 10, 4, DisplayName = "N = 150 from step 0, 4 trials apart")]
    [DataRow(150, 13, 33, 3, DisplayName = "N = 150 from step 13 (a block starts mid-row)")]
    [DataRow(16, 5, 7, 2, DisplayName = "rows of one half block")]
    [DataRow(3, 7, 40, 5, DisplayName = "Nin = 3: several rows per half block")]
    [DataRow(37, 1, 1, 1, DisplayName = "one row")]
    public void RowsHoldTheStreamMappedColumnByColumn(int width, int firstStep, int steps, int trials)
    {
        var rng = new Random(width * 1000 + firstStep);
        var scale = Enumerable.Range(0, width).Select(_ => (float)(0.05 + 0.1 * rng.NextDouble())).ToArray();
        var offset = Enumerable.Range(0, width).Select(_ => (float)(0.02 * rng.NextDouble() - 0.01)).ToArray();
        var stream = new float[steps * width];
        CounterNormals.Fill(Key, (long)firstStep * width, stream);
        int own = Math.Min(trials - 1, 1); // the trial written; the other trials' rows must stay untouched

        foreach (var (affine, map) in new (RowAffine?, Func<float, int, float>)[]
                 {
                     (null, (v, _) => v),
                     (RowAffine.Of(scale), (v, c) => (float)((double)v * scale[c])),
                     (RowAffine.Of(scale, offset), (v, c) => (float)((double)(float)((double)v * scale[c]) + offset[c])),
                 })
        {
            var destination = Enumerable.Repeat(float.NaN, steps * trials * width).ToArray();
            NoiseRows.Write(Key, firstStep, steps, width, destination.AsSpan(own * width), trials * width, affine);
            for (int k = 0; k < steps; k++)
                for (int i = 0; i < trials; i++)
                    for (int c = 0; c < width; c++)
                    {
                        float got = destination[(k * trials + i) * width + c];
                        if (i != own) { Assert.IsTrue(float.IsNaN(got), $"trial {i}'s row {k} was written"); continue; }
                        float expected = map(stream[k * width + c], c);
                        Assert.AreEqual(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got),
                            $"{(affine is null ? "copy" : affine.Offset is null ? "scaled" : "scaled + offset")}: step {firstStep + k}, column {c}: {got} vs {expected}");
                    }
        }
    }

    [TestMethod]
    public void BadShapesAreRefused()
    {
        var destination = new float[100];
        Assert.ThrowsExactly<ArgumentException>(() => NoiseRows.Write(Key, 0, 2, 10, destination, 10, RowAffine.Of(new float[9])));
        Assert.ThrowsExactly<ArgumentException>(() => NoiseRows.Write(Key, 0, 3, 10, destination.AsSpan(0, 25), 10));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NoiseRows.Write(Key, 0, 2, 10, destination, 9));
        Assert.ThrowsExactly<ArgumentException>(() => RowAffine.Of(new float[3], new float[2]));
    }
}
