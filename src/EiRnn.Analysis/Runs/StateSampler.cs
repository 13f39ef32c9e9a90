using EiRnn.Core.Random;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// A seeded reservoir sample of saved network states (one random saved sample per offered trial), the start
/// points of the fixed-point search (docs/analysis.md#fixed-and-slow-points): memory is capacity · N whatever the number of trials.
/// </summary>
internal sealed class StateSampler(int capacity, RandomStream rng)
{
    private readonly List<double[]> _states = new(capacity);
    private long _seen;

    public IReadOnlyList<IReadOnlyList<double>> States => _states;

    /// <summary>Offers one trial's rates [T_save × N]: a uniformly chosen sample enters the reservoir with probability capacity/seen.</summary>
    public void Offer(ReadOnlySpan<float> rates, int n)
    {
        int samples = rates.Length / n;
        if (samples == 0) return;
        _seen++;
        int slot = _states.Count < capacity ? _states.Count : (int)Math.Min(long.MaxValue, (long)(rng.NextDouble() * _seen));
        if (slot >= capacity) return;
        var row = rates.Slice(rng.NextInt(samples) * n, n);
        var state = new double[n];
        for (int i = 0; i < n; i++) state[i] = row[i];
        if (slot == _states.Count) _states.Add(state); else _states[slot] = state;
    }
}
