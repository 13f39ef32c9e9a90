using EiRnn.Core.Network;

namespace EiRnn.Interop;

/// <summary>
/// Unit types of a Dale network and the checks the sign constraints imply: W_in ≥ 0, column j of W_rec and of
/// W_out carries unit j's sign (zeros allowed). Also the permutation that puts the E units first, as the
/// project's networks have them (docs/import-export.md#unit-order).
/// </summary>
internal static class DaleLayout
{
    /// <summary>One line per weight whose sign breaks Dale's law, in the source file's unit indices.</summary>
    public static List<string> Violations(RateArrays a, IReadOnlyList<UnitType> types, int[]? sourceIndex = null)
    {
        int Src(int i) => sourceIndex?[i] ?? i;
        var lines = new List<string>();
        for (int i = 0; i < a.N; i++)
            for (int c = 0; c < a.Nin; c++)
                if (a.WIn[i * a.Nin + c] < 0) lines.Add($"array 'W_in'[{Src(i)}, {c}] = {a.WIn[i * a.Nin + c]:G6} is negative (Dale's law: inputs are excitatory)");
        for (int i = 0; i < a.N; i++)
            for (int j = 0; j < a.N; j++)
                if (WrongSign(a.WRec[i * a.N + j], types[j]))
                    lines.Add($"array 'W_rec'[{Src(i)}, {Src(j)}] = {a.WRec[i * a.N + j]:G6} has the wrong sign for {Name(types[j])} unit {Src(j)}");
        for (int o = 0; o < a.Nout; o++)
            for (int j = 0; j < a.N; j++)
                if (WrongSign(a.WOut[o * a.N + j], types[j]))
                    lines.Add($"array 'W_out'[{o}, {Src(j)}] = {a.WOut[o * a.N + j]:G6} has the wrong sign for {Name(types[j])} unit {Src(j)}");
        return lines;
    }

    /// <summary>The stable order E units first, then I units; null when the units already are in that order.</summary>
    public static int[]? ExcitatoryFirst(IReadOnlyList<UnitType> types)
    {
        var perm = Enumerable.Range(0, types.Count).Where(i => types[i] == UnitType.Excitatory)
            .Concat(Enumerable.Range(0, types.Count).Where(i => types[i] == UnitType.Inhibitory)).ToArray();
        return perm.Select((p, i) => p == i).All(x => x) ? null : perm;
    }

    /// <summary>
    /// For a Dale network: refuses sign violations (one problem line each) unless allowed (then a note), and puts
    /// the E units first. Returns the arrays and types in model order and the permutation (null = unchanged).
    /// </summary>
    public static (RateArrays Arrays, IReadOnlyList<UnitType> Types, int[]? Permutation) Apply(
        RateArrays arrays, IReadOnlyList<UnitType> types, bool dale, bool allowViolations, WeightsProblems problems, List<string> notes)
    {
        if (!dale) return (arrays, types, null);
        var violations = Violations(arrays, types);
        if (violations.Count > 0 && !allowViolations)
        {
            foreach (var v in violations) problems.Add(v);
            problems.Add($"{violations.Count} weights break Dale's law; --allow-dale-violations imports the network anyway");
            problems.ThrowIfAny();
        }
        if (violations.Count > 0) notes.Add($"{violations.Count} weights break Dale's law; kept as they are (--allow-dale-violations)");
        int[]? perm = ExcitatoryFirst(types);
        if (perm is null) return (arrays, types, null);
        notes.Add($"units reordered so that the {types.Count(t => t == UnitType.Excitatory)} excitatory units come first; " +
                  "model unit i is source unit unit_permutation[i] (recorded in eirnn.training.import)");
        return (arrays.Permuted(perm), perm.Select(p => types[p]).ToArray(), perm);
    }

    private static bool WrongSign(double w, UnitType t) => t == UnitType.Excitatory ? w < 0 : w > 0;

    private static string Name(UnitType t) => t == UnitType.Excitatory ? "excitatory" : "inhibitory";
}