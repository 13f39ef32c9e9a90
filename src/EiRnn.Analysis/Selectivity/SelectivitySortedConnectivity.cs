using EiRnn.Analysis.Statistics;
using EiRnn.Core.Network;

namespace EiRnn.Analysis.Selectivity;

/// <summary>
/// The most selective units and the weights among them, in display order (docs/analysis.md#connectivity-sorted-by-selectivity): W_in rows, W_rec
/// rows and columns, W_out columns follow <see cref="Units"/>; the first <see cref="ExcitatoryShown"/> are E.
/// </summary>
public sealed record SortedConnectivity(
    IReadOnlyList<int> Units,
    IReadOnlyList<double> DPrime,
    int ExcitatoryShown,
    int InhibitoryShown,
    ReadOnlyMatrix WIn,
    ReadOnlyMatrix WRec,
    ReadOnlyMatrix WOut);

public static class SelectivitySortedConnectivity
{
    /// <summary>
    /// Dale networks: the top <paramref name="fraction"/> of E units and of I units by |d′| (rounded, at least
    /// one per non-empty type), each group ordered by d′ descending, E first. Non-Dale: the top fraction of all
    /// units by |d′|, ordered by d′ descending. Units with undefined d′ are never shown.
    /// </summary>
    public static SortedConnectivity Build(NetworkSpec spec, NetworkWeights weights, IReadOnlyList<double> dPrime, double fraction = 0.25)
    {
        if (dPrime.Count != spec.N) throw new Core.Errors.AnalysisException($"d′ has {dPrime.Count} units, the network {spec.N}");
        if (!(fraction > 0 && fraction <= 1)) throw new Core.Errors.ConfigException("selectivity_fraction", $"must be in (0, 1], got {fraction}");
        IEnumerable<int> Top(IEnumerable<int> group)
        {
            var units = group.ToArray();
            int keep = units.Length == 0 ? 0 : Math.Max(1, (int)Math.Round(fraction * units.Length));
            return units.Where(u => !double.IsNaN(dPrime[u]))
                .OrderByDescending(u => Math.Abs(dPrime[u])).ThenBy(u => u).Take(keep)
                .OrderByDescending(u => dPrime[u]).ThenBy(u => u);
        }
        var all = Enumerable.Range(0, spec.N);
        int[] exc, inh;
        if (spec.Dale)
        {
            exc = Top(all.Where(u => spec.UnitTypes[u] == UnitType.Excitatory)).ToArray();
            inh = Top(all.Where(u => spec.UnitTypes[u] == UnitType.Inhibitory)).ToArray();
        }
        else
        {
            exc = Top(all).ToArray();
            inh = [];
        }
        int[] order = [.. exc, .. inh];
        int n = spec.N, nin = spec.Nin;
        return new SortedConnectivity(order, order.Select(u => dPrime[u]).ToArray(), exc.Length, inh.Length,
            new ReadOnlyMatrix(order.Length, nin, (i, c) => weights.WIn[order[i] * nin + c]),
            new ReadOnlyMatrix(order.Length, order.Length, (i, j) => weights.WRec[order[i] * n + order[j]]),
            new ReadOnlyMatrix(spec.Nout, order.Length, (o, j) => weights.WOut[o * n + order[j]]));
    }
}
