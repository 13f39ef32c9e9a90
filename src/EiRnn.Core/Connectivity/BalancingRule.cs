using EiRnn.Core.Network;

namespace EiRnn.Core.Connectivity;

/// <summary>
/// docs/model.md#balancing-rule: in each row (postsynaptic unit) allowed E entries get 1 and allowed I entries n_E,i/n_I,i,
/// then the row is divided by its Euclidean norm, so that with mean-proportional initial weights the
/// expected excitatory and inhibitory input of every unit are equal.
/// </summary>
public static class BalancingRule
{
    public static double[] Apply(bool[] allowed, IReadOnlyList<UnitType> types)
    {
        int n = types.Count;
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            int nE = 0, nI = 0;
            for (int j = 0; j < n; j++)
                if (allowed[i * n + j]) { if (types[j] == UnitType.Excitatory) nE++; else nI++; }
            // A row with inhibitory inputs only keeps them (weight 1) rather than losing them from the mask.
            double inh = nI == 0 ? 0 : nE == 0 ? 1 : (double)nE / nI;
            double norm2 = 0;
            for (int j = 0; j < n; j++)
            {
                if (!allowed[i * n + j]) continue;
                double v = types[j] == UnitType.Excitatory ? 1 : inh;
                c[i * n + j] = v; norm2 += v * v;
            }
            if (norm2 > 0)
            {
                double inv = 1 / Math.Sqrt(norm2);
                for (int j = 0; j < n; j++) c[i * n + j] *= inv;
            }
        }
        return c;
    }
}
