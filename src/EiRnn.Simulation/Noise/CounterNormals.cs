using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EiRnn.Simulation.Noise;

/// <summary>
/// Standard normal float32 samples as a pure function of (stream key, element index): a counter-based
/// generator, so any slice of a stream can be produced on its own, in any order and on any thread, with
/// the same values. That is what makes a trial's noise independent of chunking, sharding and resuming.
/// <para>
/// Elements come in blocks of 32. Block q uses 16 hashes h_l = SplitMix64-finaliser(key + (16q + l + 1)·γ),
/// l = 0..15 (a Weyl sequence through a 64-bit mixer, i.e. SplitMix64 addressed by counter). Each hash gives a
/// Box–Muller pair (<see cref="BoxMullerMath"/>) from two 24-bit fields: the radius from h ≫ 40 and the angle
/// from h mod 2²⁴. Element 32q + l = ρ_l cos θ_l and element 32q + 16 + l = ρ_l sin θ_l. Tails are cut at
/// |x| ≤ sqrt(48 ln 2) ≈ 5.77 (probability 8e-9), irrelevant for model noise.
/// </para>
/// Every value, also at the ragged ends of a slice, goes through the same vector kernel, so a value does
/// not depend on where a slice starts, and the 512- and 256-bit kernels give the same bits (IEEE single
/// operations with FMA, no library transcendental functions).
/// </summary>
public static class CounterNormals
{
    public const int BlockLength = 32;
    private const int PairsPerBlock = 16;
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const ulong AngleMask = 0xFFFFFFUL;

    /// <summary>Writes elements [start, start + destination.Length) of stream <paramref name="key"/>.</summary>
    /// <remarks>Fully optimised at first call: tier-0 code of this vector kernel is ~20x slower.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong key, long start, Span<float> destination) =>
        Fill(key, start, destination, Vector512.IsHardwareAccelerated);

    /// <summary>As <see cref="Fill(ulong, long, Span{float})"/> with the vector width chosen (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Fill(ulong key, long start, Span<float> destination, bool wide)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (destination.IsEmpty) return;
        long block = start / BlockLength;
        int skip = (int)(start - block * BlockLength);
        Span<float> scratch = stackalloc float[BlockLength];
        int written = 0;
        if (skip != 0)
        {
            FillBlock(key, block++, scratch, wide);
            int take = Math.Min(BlockLength - skip, destination.Length);
            scratch.Slice(skip, take).CopyTo(destination);
            written = take;
        }
        while (destination.Length - written >= BlockLength)
        {
            FillBlock(key, block++, destination.Slice(written, BlockLength), wide);
            written += BlockLength;
        }
        if (written < destination.Length)
        {
            FillBlock(key, block, scratch, wide);
            scratch[..(destination.Length - written)].CopyTo(destination[written..]);
        }
    }

    /// <summary>Writes the 32 elements of block <paramref name="block"/> (elements 32·block ..) of stream <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void FillBlock(ulong key, long block, Span<float> dst, bool wide)
    {
        if (wide)
        {
            var (cos, sin) = Block512(key, block);
            cos.CopyTo(dst);
            sin.CopyTo(dst[PairsPerBlock..]);
        }
        else
        {
            ulong baseCounter = unchecked(key + ((ulong)block * PairsPerBlock + 1) * Gamma);
            var lanes = Vector256.Create(0UL, 1, 2, 3) * Gamma;
            for (int half = 0; half < 2; half++)
            {
                ulong c = baseCounter + unchecked((ulong)(8 * half) * Gamma);
                var h0 = Mix(Vector256.Create(c) + lanes);
                var h1 = Mix(Vector256.Create(c + unchecked(4 * Gamma)) + lanes);
                var (cos, sin) = BoxMullerMath.Pair<Lanes256, Vector256<float>, Vector256<int>>(
                    Vector256.Narrow(h0 >>> 40, h1 >>> 40).AsInt32(),
                    Vector256.Narrow(h0 & Vector256.Create(AngleMask), h1 & Vector256.Create(AngleMask)).AsInt32());
                cos.CopyTo(dst[(8 * half)..]);
                sin.CopyTo(dst[(PairsPerBlock + 8 * half)..]);
            }
        }
    }

    /// <summary>Block <paramref name="block"/> as two 512-bit vectors: elements 32·block + l (Cos) and 32·block + 16 + l (Sin), l = 0..15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector512<float> Cos, Vector512<float> Sin) Block512(ulong key, long block)
    {
        ulong baseCounter = unchecked(key + ((ulong)block * PairsPerBlock + 1) * Gamma);
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Gamma;
        var h0 = Mix(Vector512.Create(baseCounter) + lanes);
        var h1 = Mix(Vector512.Create(baseCounter + unchecked(8 * Gamma)) + lanes);
        return BoxMullerMath.Pair<Lanes512, Vector512<float>, Vector512<int>>(
            Vector512.Narrow(h0 >>> 40, h1 >>> 40).AsInt32(),
            Vector512.Narrow(h0 & Vector512.Create(AngleMask), h1 & Vector512.Create(AngleMask)).AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }
}
