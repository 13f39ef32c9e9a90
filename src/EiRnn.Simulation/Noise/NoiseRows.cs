using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EiRnn.Simulation.Noise;

/// <summary>
/// Writes a stretch of one trial's noise stream straight into strided rows (the time-major feeds, where a trial's
/// step k is row k·trials + i), mapped per column on the way (<see cref="RowAffine"/>). Stream element k·W + c is
/// step k, column c, as in <see cref="CounterNormals"/>. Each 32-value block is generated once into L1 and its two
/// halves stored with one vector map each; only a half that runs over a row end or the stretch's ends is stored
/// element by element. The values are the bits of <see cref="CounterNormals.Fill(ulong, long, Span{float})"/>, mapped
/// by the IEEE single operations v·scale (+ offset).
/// </summary>
internal static class NoiseRows
{
    public const int HalfBlock = CounterNormals.BlockLength / 2;

    /// <summary>
    /// Steps [firstStep, firstStep + steps) of stream <paramref name="key"/>, <paramref name="width"/> values each, into
    /// destination[j·rowStride + c] for step firstStep + j and column c.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(ulong key, long firstStep, int steps, int width, Span<float> destination, int rowStride, RowAffine? affine = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowStride, width);
        if (affine is not null && affine.Width != width) throw new ArgumentException($"the map has {affine.Width} columns, the rows {width}", nameof(affine));
        if (steps == 0) return;
        if (destination.Length < (long)(steps - 1) * rowStride + width) throw new ArgumentException("destination too short for the rows", nameof(destination));

        long total = (long)steps * width;
        long q = firstStep * width / CounterNormals.BlockLength;
        // d: position of the current half block relative to the stretch's first value (negative before it);
        // (row, col): its step within the stretch and its column, advanced without dividing.
        long d = q * CounterNormals.BlockLength - firstStep * width;
        int row = d >= 0 ? (int)(d / width) : -(int)((-d + width - 1) / width);
        int col = (int)(d - (long)row * width);
        Span<float> block = stackalloc float[CounterNormals.BlockLength];
        Span<float> mapped = stackalloc float[HalfBlock];
        for (; d < total; q++)
        {
            // 512-bit lanes map each half block in registers; otherwise it goes through the stack buffer.
            var (cos, sin) = Vector512.IsHardwareAccelerated ? CounterNormals.Block512(key, q) : default;
            if (!Vector512.IsHardwareAccelerated) CounterNormals.FillBlock(key, q, block, wide: false);
            for (int h = 0; h < 2 && d < total; h++)
            {
                bool whole = d >= 0 && d + HalfBlock <= total && col + HalfBlock <= width;
                var target = whole ? destination.Slice(row * rowStride + col, HalfBlock) : mapped;
                if (Vector512.IsHardwareAccelerated)
                    Map512(h == 0 ? cos : sin, affine, col).StoreUnsafe(ref MemoryMarshal.GetReference(target));
                else
                    Map(block.Slice(h * HalfBlock, HalfBlock), affine, col, target);
                if (!whole) Scatter(mapped, d, total, row, col, width, destination, rowStride);
                d += HalfBlock;
                for (col += HalfBlock; col >= width; col -= width) row++;
            }
        }
    }

    /// <summary>
    /// Copies a mapped half block that starts at stretch position d (row, col) and runs over a row end or the
    /// stretch's ends: one contiguous piece per row, the positions outside [0, total) left out.
    /// </summary>
    private static void Scatter(ReadOnlySpan<float> mapped, long d, long total, int row, int col, int width, Span<float> destination, int rowStride)
    {
        for (int j = 0; j < HalfBlock;)
        {
            int length = Math.Min(width - col, HalfBlock - j);
            long from = Math.Max(d + j, 0), to = Math.Min(d + j + length, total);
            if (from < to)
            {
                int skip = (int)(from - (d + j));
                mapped.Slice(j + skip, (int)(to - from)).CopyTo(destination[(row * rowStride + col + skip)..]);
            }
            j += length;
            col += length;
            if (col == width) (col, row) = (0, row + 1);
        }
    }

    /// <summary>v·scale[col..] (+ offset[col..]) in 16 lanes; no fused multiply-add (the graph rounds the product first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Map512(Vector512<float> v, RowAffine? affine, int col)
    {
        if (affine is null) return v;
        v *= Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(affine.Scale), (nuint)col);
        return affine.Offset is { } offset ? v + Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(offset), (nuint)col) : v;
    }

    /// <summary>dst[j] = src[j]·scale[col + j] (+ offset[col + j]) for the 16 values of a half block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Map(ReadOnlySpan<float> src, RowAffine? affine, int col, Span<float> dst)
    {
        if (affine is null) { src.CopyTo(dst); return; }
        var scale = affine.Scale.AsSpan(col, HalfBlock);
        int j = 0;
        if (affine.Offset is { } offsets)
        {
            var offset = offsets.AsSpan(col, HalfBlock);
            // No fused multiply-add: the graph rounds the product before the sum.
            for (; j <= HalfBlock - Vector<float>.Count; j += Vector<float>.Count)
                (new Vector<float>(src[j..]) * new Vector<float>(scale[j..]) + new Vector<float>(offset[j..])).CopyTo(dst[j..]);
            for (; j < HalfBlock; j++) dst[j] = src[j] * scale[j] + offset[j];
            return;
        }
        for (; j <= HalfBlock - Vector<float>.Count; j += Vector<float>.Count)
            (new Vector<float>(src[j..]) * new Vector<float>(scale[j..])).CopyTo(dst[j..]);
        for (; j < HalfBlock; j++) dst[j] = src[j] * scale[j];
    }
}
