using System.Runtime.CompilerServices;

namespace EiRnn.Core.Random;

/// <summary>
/// A seeded xoshiro256** generator with the distributions the model and tasks need. There is no global
/// generator: every consumer owns a stream derived from the run's recorded seed by name
/// (<see cref="Derive(ulong, string)"/>), so adding a consumer never shifts another's numbers. The state can be
/// captured and restored exactly (checkpoints).
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public RandomStream(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm); _s1 = SplitMix64(ref sm); _s2 = SplitMix64(ref sm); _s3 = SplitMix64(ref sm);
    }

    private RandomStream(RandomStreamState state) => Restore(state);

    /// <summary>The stream for a named purpose under a root seed, e.g. Derive(seed, "init/w_rec").</summary>
    public static RandomStream Derive(ulong rootSeed, string purpose) => new(MixSeed(rootSeed, purpose));

    /// <summary>A child stream of this one for a named purpose; does not advance this stream.</summary>
    public RandomStream Derive(string purpose) => new(MixSeed(_s0 ^ RotateLeft(_s2, 17), purpose));

    /// <summary>Stable 64-bit combination of a seed and a name (FNV-1a of the name, then SplitMix).</summary>
    public static ulong MixSeed(ulong seed, string purpose)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in purpose) { h ^= c; h *= 1099511628211UL; }
        ulong x = seed ^ RotateLeft(h, 29);
        return SplitMix64(ref x);
    }

    public RandomStreamState Capture() => new(_s0, _s1, _s2, _s3, _hasSpare, _spareNormal);

    public void Restore(RandomStreamState s)
    {
        (_s0, _s1, _s2, _s3, _hasSpare, _spareNormal) = (s.S0, s.S1, s.S2, s.S3, s.HasSpare, s.Spare);
    }

    public static RandomStream FromState(RandomStreamState state) => new(state);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer on [0, n).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 33) * (ulong)n >> 31);
    }

    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal (Marsaglia polar method; the second value is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spareNormal; }
        double u, v, s;
        do { u = 2 * NextDouble() - 1; v = 2 * NextDouble() - 1; s = u * u + v * v; } while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * m; _hasSpare = true;
        return u * m;
    }

    public double Normal(double mean, double std) => mean + std * NextNormal();

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Gamma(shape k, scale θ) by Marsaglia and Tsang (k &lt; 1 via the boost k+1).</summary>
    public double Gamma(double shape, double scale)
    {
        if (shape <= 0 || scale <= 0) throw new ArgumentOutOfRangeException(nameof(shape), "Gamma needs shape > 0 and scale > 0");
        if (shape < 1) return Gamma(shape + 1, scale) * Math.Pow(NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = NextNormal(); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            double u = NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v * scale;
        }
    }

    /// <summary>Fills a span with standard normals (float32).</summary>
    public void FillNormal(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)NextNormal();
    }

    /// <summary>In-place Fisher–Yates shuffle.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The complete state of a <see cref="RandomStream"/>, for checkpoints.</summary>
public readonly record struct RandomStreamState(ulong S0, ulong S1, ulong S2, ulong S3, bool HasSpare, double Spare);
