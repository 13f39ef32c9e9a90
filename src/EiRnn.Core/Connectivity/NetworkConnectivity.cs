using EiRnn.Core.Network;

namespace EiRnn.Core.Connectivity;

/// <summary>
/// A network's wiring: the real-valued balanced recurrent matrix C of docs/model.md#balancing-rule (its non-zero pattern
/// is the recurrent mask; its values scale the gamma initialisation of docs/training.md#pycog-dale-networks), binary input and output
/// masks, unit types, areas and input groups. Arrays are row-major, W[i, j] from j to i.
/// </summary>
public sealed record NetworkConnectivity(
    int N, int Nin, int Nout,
    IReadOnlyList<UnitType> UnitTypes,
    IReadOnlyList<string> UnitAreas,
    IReadOnlyList<string> UnitInputGroups,
    double[] Recurrent,      // C [N, N]
    float[] InputMask,       // [N, Nin]
    float[] OutputMask,      // [Nout, N]
    ulong Seed,
    string Description)
{
    /// <summary>Binary recurrent mask M_rec = (C ≠ 0).</summary>
    public float[] RecurrentMask() => Recurrent.Select(c => c != 0 ? 1f : 0f).ToArray();

    /// <summary>Builds the masks of the requested structure.</summary>
    public static NetworkConnectivity Build(ConnectivityRequest request)
    {
        request.Check();
        var types = request.UnitTypes();
        var layout = ConnectivityLayouts.For(request, types);
        int n = request.N;
        if (!request.Autapses) for (int i = 0; i < n; i++) layout.Recurrent[i * n + i] = false;
        if (request.Dale && !request.ReadoutFromAllUnits)
            for (int o = 0; o < request.Nout; o++)
                for (int j = 0; j < n; j++)
                    if (types[j] == UnitType.Inhibitory) layout.Output[o * n + j] = 0;
        double[] c = request.Dale ? BalancingRule.Apply(layout.Recurrent, types)
                                  : layout.Recurrent.Select(a => a ? 1.0 : 0.0).ToArray();
        int nExc = types.Count(t => t == UnitType.Excitatory);
        string description = $"{request.Structure.ToString().ToLowerInvariant()}; " +
            (request.Dale ? $"dale {nExc} E / {n - nExc} I" : "no dale") +
            $"; autapses {(request.Autapses ? "allowed" : "forbidden")}; readout from {(request.ReadoutFromAllUnits || !request.Dale ? "all" : "E")} units" +
            $"{(request.ConnectStartCue ? "; start cue to all units" : "")}; mask seed {request.Seed}";
        return new NetworkConnectivity(n, request.Nin, request.Nout, types, layout.Areas, layout.InputGroups,
            c, layout.Input, layout.Output, request.Seed, description);
    }
}
