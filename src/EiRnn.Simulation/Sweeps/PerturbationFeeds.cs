using EiRnn.Core.Network;
using EiRnn.Simulation.Running;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// Turns a <see cref="ResolvedPerturbation"/> into the port values of one block of trials
/// (docs/sweeps.md#perturbations): windows become per-trial step ranges, block-structured W_rec multipliers become
/// <c>w_rec_scale</c>. A multiplier that is not block-structured (connection lesions) cannot go through
/// the port; <see cref="RecurrentWeights"/> gives the W_rec of a dedicated variant for it instead.
/// </summary>
public sealed class PerturbationFeeds(NetworkSpec network)
{
    /// <summary>Port values for <paramref name="batch"/>'s trials; null effects where the perturbation has none.</summary>
    public BlockPorts For(ResolvedPerturbation p, TrialBatch batch)
    {
        float[] blockScale = p.RecurrentMultiplier is null ? [1f, 1f, 1f, 1f] : BlockScale(p.RecurrentMultiplier) ?? [1f, 1f, 1f, 1f];
        return new BlockPorts
        {
            RecurrentBlockScale = blockScale,
            InputWeightScale = (float)p.InputWeightScale,
            OutputWeightScale = (float)p.OutputWeightScale,
            InputGain = p.InputGains,
            SigmaInScale = (float)p.SigmaInScale,
            SigmaRecScale = (float)p.SigmaRecScale,
            Lesion = p.RateLesions.Count == 0 ? null
                : TimedEffects.Mask(PerTrial(batch, p.RateLesions.Select(l => (l.Units, l.Window, 0f)).ToArray())),
            Stim = p.Currents.Count == 0 ? null
                : TimedEffects.Current(PerTrial(batch, p.Currents.Select(c => (c.Units, c.Window, (float)c.Current)).ToArray())),
        };
    }

    /// <summary>True when the perturbation's W_rec change needs its own compiled variant (not expressible by block).</summary>
    public bool NeedsDedicatedVariant(ResolvedPerturbation p) => p.RecurrentMultiplier is not null && BlockScale(p.RecurrentMultiplier) is null;

    /// <summary>W_rec ⊙ multiplier, for a dedicated variant (Dale signs kept since the multiplier is ≥ 0).</summary>
    public static float[] RecurrentWeights(float[] wRec, float[] multiplier)
    {
        var w = new float[wRec.Length];
        for (int i = 0; i < w.Length; i++) w[i] = wRec[i] * multiplier[i];
        return w;
    }

    /// <summary>
    /// The [pre type, post type] factors when multiplier[post·N + pre] depends only on the two units' types,
    /// else null. Blocks with no connections at all (e.g. no I units) keep factor 1.
    /// </summary>
    public float[]? BlockScale(float[] multiplier)
    {
        int n = network.N;
        var scale = new float[] { float.NaN, float.NaN, float.NaN, float.NaN };
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int k = Type(j) * 2 + Type(i);
                float m = multiplier[i * n + j];
                if (float.IsNaN(scale[k])) scale[k] = m;
                else if (scale[k] != m) return null;
            }
        for (int k = 0; k < 4; k++) if (float.IsNaN(scale[k])) scale[k] = 1f;
        return scale;
    }

    private int Type(int unit) => network.UnitTypes[unit] == UnitType.Inhibitory ? 1 : 0;

    private static IReadOnlyList<TimedEffect>[] PerTrial(TrialBatch batch, (IReadOnlyList<int> Units, EffectWindow Window, float Value)[] effects)
    {
        var perTrial = new IReadOnlyList<TimedEffect>[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var list = new List<TimedEffect>();
            foreach (var (units, window, value) in effects)
                if (window.RangeFor(batch.Periods[b]) is { } range && Steps(range.Start, range.End, batch.DtMs, batch.Steps) is { } s)
                    list.Add(new TimedEffect(s.First, s.End, units, value));
            perTrial[b] = list;
        }
        return perTrial;
    }

    /// <summary>Steps k in [0, T) with start &lt; (k+1)·dt ≤ end (sample k is at (k+1)·dt), as [First, End); null when none.</summary>
    public static (int First, int End)? Steps(double startMs, double endMs, double dtMs, int steps)
    {
        int first = FirstAfter(startMs, dtMs, steps), end = FirstAfter(endMs, dtMs, steps);
        // end: the first k with (k+1)·dt > endMs, so every k below it has (k+1)·dt ≤ endMs.
        return end > first ? (first, end) : null;
    }

    /// <summary>The smallest k in [0, steps] with (k+1)·dt &gt; t (steps when there is none).</summary>
    private static int FirstAfter(double t, double dt, int steps)
    {
        if (double.IsNegativeInfinity(t)) return 0;
        if (double.IsPositiveInfinity(t)) return steps;
        long k = Math.Clamp((long)Math.Floor(t / dt) - 1, 0, steps);
        while (k < steps && (k + 1) * dt <= t) k++;
        while (k > 0 && k * dt > t) k--;
        return (int)k;
    }
}
