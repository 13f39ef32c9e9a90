using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// The initial recurrent weights a pool claim compares with: the effective W_rec [N × N] regenerated from the model's recorded
/// training config (and checked against its recorded SHA-256), or why they are not available.
/// </summary>
public sealed record InitialWeights(float[]? WRec, string? UnavailableReason)
{
    public static InitialWeights Of(float[] wRec) => new(wRec, null);
    public static InitialWeights Unavailable(string reason) => new(null, reason);
}

/// <summary>
/// E→E excitation between the two choice pools (docs/reproduce.md#measures): E units split by the sign of their choice d′;
/// r(W) = mean W[i, j] over pairs in different pools / mean over distinct pairs in the same pool (presynaptic j → postsynaptic i);
/// the value is r(trained) / r(initial), below 1 when training moved excitation from between to within pools.
/// The interval resamples E units of each pool with replacement.
/// </summary>
internal static class PoolMeasures
{
    public static Measurement BetweenPoolChange(NetworkSpec? spec, float[]? trained, InitialWeights? initial, IReadOnlyList<double>? choiceDPrime,
        int resamples, double level, RandomStream rng)
    {
        if (spec is null || trained is null) return Measurement.Unavailable("no model weights");
        if (initial?.WRec is not { } before) return Measurement.Unavailable(initial?.UnavailableReason ?? "no initial weights");
        if (choiceDPrime is null || choiceDPrime.Count != spec.N) return Measurement.Unavailable("no choice d′ per unit (needs a dataset with rates)");
        int n = spec.N;
        var e = Enumerable.Range(0, n).Where(i => spec.UnitTypes[i] == UnitType.Excitatory && double.IsFinite(choiceDPrime[i]) && choiceDPrime[i] != 0).ToArray();
        var poolA = e.Where(i => choiceDPrime[i] > 0).ToArray();
        var poolB = e.Where(i => choiceDPrime[i] < 0).ToArray();
        if (poolA.Length < 2 || poolB.Length < 2) return Measurement.Unavailable($"choice pools of {poolA.Length} and {poolB.Length} E units; each needs at least 2");
        double Change(RandomStream? r)
        {
            var a = ClaimBootstrap.Indices(poolA.Length, r).Select(i => poolA[i]).ToArray();
            var b = ClaimBootstrap.Indices(poolB.Length, r).Select(i => poolB[i]).ToArray();
            return Ratio(trained, n, a, b) / Ratio(before, n, a, b);
        }
        return Measurement.Of(ClaimBootstrap.Of(Change, resamples, level, rng),
            $"pools of {poolA.Length} and {poolB.Length} E units; between/within E→E ratio trained {Ratio(trained, n, poolA, poolB):G3}, initial {Ratio(before, n, poolA, poolB):G3}");
    }

    internal static double Ratio(float[] w, int n, int[] a, int[] b)
    {
        double between = 0, within = 0; long nb = 0, nw = 0;
        void Add(int[] post, int[] pre, bool same)
        {
            foreach (int i in post)
                foreach (int j in pre)
                {
                    if (same && i == j) continue;
                    if (same) { within += w[i * n + j]; nw++; } else { between += w[i * n + j]; nb++; }
                }
        }
        Add(a, a, true); Add(b, b, true); Add(a, b, false); Add(b, a, false);
        return (between / nb) / (within / nw);
    }
}
