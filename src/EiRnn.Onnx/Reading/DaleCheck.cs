using EiRnn.Core.Network;

namespace EiRnn.Onnx.Reading;

/// <summary>
/// docs/model.md#dales-law-and-effective-weights invariants on stored weights: every non-zero column j of W_rec and W_out has unit j's sign,
/// and W_in ≥ 0. Networks without Dale's law have nothing to check.
/// </summary>
public static class DaleCheck
{
    /// <summary>Human-readable violations (at most a few per matrix, plus a count); empty when the weights obey Dale's law.</summary>
    public static IReadOnlyList<string> Violations(NetworkSpec spec, NetworkWeights w, int maxListedPerMatrix = 3)
    {
        var found = new List<string>();
        if (!spec.Dale) return found;
        ColumnSigns("W_rec", w.WRec, spec.N, spec, maxListedPerMatrix, found);
        ColumnSigns("W_out", w.WOut, spec.Nout, spec, maxListedPerMatrix, found);
        int negative = w.WIn.Count(v => v < 0);
        if (negative > 0) found.Add($"W_in has {negative} negative entries (inputs must be excitatory, W_in >= 0)");
        return found;
    }

    private static void ColumnSigns(string name, float[] matrix, int rows, NetworkSpec spec, int maxListed, List<string> found)
    {
        int n = spec.N, bad = 0;
        for (int j = 0; j < n; j++)
        {
            float sign = spec.Sign(j);
            for (int i = 0; i < rows; i++)
            {
                float v = matrix[i * n + j];
                if (v * sign >= 0) continue;
                if (bad++ < maxListed)
                    found.Add($"{name}[{i},{j}] = {v:g4} but unit {j} is {(sign > 0 ? "excitatory" : "inhibitory")}");
            }
        }
        if (bad > maxListed) found.Add($"{name}: {bad - maxListed} more entries with the wrong sign");
    }
}
