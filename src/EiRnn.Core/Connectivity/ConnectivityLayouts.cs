using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Core.Connectivity;

/// <summary>
/// The allowed-connection patterns of docs/model.md#connectivity-structures, before autapse removal, E-only readout and balancing.
/// Group sizes are the spec's fractions of the E and I populations, so the canonical sizes (N = 100, 150,
/// 500) give exactly the unit ranges the spec lists.
/// </summary>
internal static class ConnectivityLayouts
{
    internal sealed record Layout(bool[] Recurrent, float[] Input, float[] Output, string[] Areas, string[] InputGroups);

    public static Layout For(ConnectivityRequest r, IReadOnlyList<UnitType> types) => r.Structure switch
    {
        ConnectivityStructure.Dense => Dense(r),
        ConnectivityStructure.RdmStructured => RdmStructured(r, types),
        ConnectivityStructure.ManteAreas => ManteAreas(r, types),
        ConnectivityStructure.MultisensoryGroups => MultisensoryGroups(r, types),
        ConnectivityStructure.RomoSparse => RomoSparse(r, types),
        _ => throw new ConfigException("structure", $"'{r.Structure}' is not a known connectivity structure"),
    };

    private static Layout Dense(ConnectivityRequest r) => new(
        Filled(r.N * r.N, true), Filled(r.N * r.Nin, 1f), Filled(r.Nout * r.N, 1f),
        Filled(r.N, "all"), Filled(r.N, ""));

    /// <summary>Fig 3C: E_in1, E_in2 (a quarter of E each), E_ns (the other half), shared I.</summary>
    private static Layout RdmStructured(ConnectivityRequest r, IReadOnlyList<UnitType> types)
    {
        int n = r.N, nE = CountE(types), q = nE / 4;
        if (q < 1 || r.Nin < 2 || r.Nout < 2)
            throw new ConfigException("structure", "rdm-structured needs at least 4 excitatory units, 2 inputs and 2 outputs");
        int Pool(int i) => i < q ? 1 : i < 2 * q ? 2 : i < nE ? 0 : -1; // 1, 2 selective; 0 non-selective; -1 I
        var rec = new bool[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int pi = Pool(i), pj = Pool(j);
                // E_in1 and E_in2 do not excite each other; everything else is allowed.
                rec[i * n + j] = !(pi is 1 or 2 && pj is 1 or 2 && pi != pj);
            }
        var input = new float[n * r.Nin];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < r.Nin; c++)
                input[i * r.Nin + c] = c switch { 0 => Pool(i) == 1 ? 1 : 0, 1 => Pool(i) == 2 ? 1 : 0, _ => 1 };
        var output = new float[r.Nout * n];
        for (int o = 0; o < r.Nout; o++)
            for (int j = 0; j < n; j++)
                output[o * n + j] = o switch { 0 => Pool(j) == 1 ? 1 : 0, 1 => Pool(j) == 2 ? 1 : 0, _ => Pool(j) >= 0 ? 1 : 0 };
        var groups = Enumerable.Range(0, n).Select(i => Pool(i) switch { 1 => "in1", 2 => "in2", _ => "" }).ToArray();
        return new(rec, input, output, Filled(n, "all"), groups);
    }

    /// <summary>Mante two areas: sensory S = first half of E and of I, motor M = the rest (docs/model.md#mante-two-areas).</summary>
    private static Layout ManteAreas(ConnectivityRequest r, IReadOnlyList<UnitType> types)
    {
        int n = r.N, nE = CountE(types), nI = n - nE;
        if (nE < 2 || nI < 2) throw new ConfigException("structure", "mante-areas needs at least 2 E and 2 I units");
        bool Sensory(int i) => i < nE ? i < nE / 2 : i - nE < nI / 2;
        bool Exc(int i) => i < nE;
        var rng = new RandomStream(r.Seed);
        var rec = new bool[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                bool allowed;
                if (Sensory(i))
                    // S ← E_S dense, E_M sparse feedback (p = 0.2), I_S.
                    allowed = Exc(j) ? (Sensory(j) || rng.Bernoulli(0.2)) : Sensory(j);
                else
                    // M ← all E (feed-forward from S plus M), I_M.
                    allowed = Exc(j) || !Sensory(j);
                rec[i * n + j] = allowed;
            }
        var input = new float[n * r.Nin];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < r.Nin; c++) input[i * r.Nin + c] = Sensory(i) ? 1 : 0;
        var output = new float[r.Nout * n];
        for (int o = 0; o < r.Nout; o++)
            for (int j = 0; j < n; j++) output[o * n + j] = Exc(j) && !Sensory(j) ? 1 : 0;
        var areas = Enumerable.Range(0, n).Select(i => Sensory(i) ? "sensory" : "motor").ToArray();
        var groups = Enumerable.Range(0, n).Select(i => Sensory(i) ? "sensory" : "").ToArray();
        return new(rec, input, output, areas, groups);
    }

    /// <summary>
    /// Multisensory: visual group = first third of E and of I, auditory = second third, the rest no input.
    /// Channels 0, 2 are visual, 1, 3 auditory; channels from 4 on (start cue) reach no unit unless
    /// ConnectStartCue.
    /// </summary>
    private static Layout MultisensoryGroups(ConnectivityRequest r, IReadOnlyList<UnitType> types)
    {
        int n = r.N, nE = CountE(types), nI = n - nE;
        if (r.Nin < 4 || nE < 3) throw new ConfigException("structure", "multisensory-groups needs at least 4 inputs and 3 excitatory units");
        string Group(int i)
        {
            int k = i < nE ? i * 3 / nE : (i - nE) * 3 / Math.Max(nI, 1);
            return k == 0 ? "visual" : k == 1 ? "auditory" : "";
        }
        var input = new float[n * r.Nin];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < r.Nin; c++)
                input[i * r.Nin + c] = c >= 4 ? (r.ConnectStartCue ? 1 : 0)
                                     : Group(i) == (c % 2 == 0 ? "visual" : "auditory") ? 1 : 0;
        return new(Filled(n * n, true), input, Filled(r.Nout * n, 1f), Filled(n, "all"),
            Enumerable.Range(0, n).Select(Group).ToArray());
    }

    /// <summary>Romo sparse: each E column with p = 0.1, each I column with p = 0.5, per row.</summary>
    private static Layout RomoSparse(ConnectivityRequest r, IReadOnlyList<UnitType> types)
    {
        int n = r.N;
        var rng = new RandomStream(r.Seed);
        var rec = new bool[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                rec[i * n + j] = rng.Bernoulli(types[j] == UnitType.Excitatory ? 0.1 : 0.5);
        return new(rec, Filled(n * r.Nin, 1f), Filled(r.Nout * n, 1f), Filled(n, "all"), Filled(n, ""));
    }

    private static int CountE(IReadOnlyList<UnitType> types) => types.Count(t => t == UnitType.Excitatory);

    private static T[] Filled<T>(int count, T value)
    {
        var a = new T[count];
        Array.Fill(a, value);
        return a;
    }
}
