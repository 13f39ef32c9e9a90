using EiRnn.Core.Network;

namespace EiRnn.Analysis.Dynamics;

/// <summary>
/// What the network reports at a state: the readout W_out f(x) + b_out (before the output nonlinearity, which is
/// monotone, so the choice is the same), the choice it favours (argmax), its margin over the next output, and
/// how many units are on the rising part of f.
/// </summary>
public sealed record StateReadout(IReadOnlyList<double> Z, int Choice, double Margin, int ActiveUnits)
{
    public static StateReadout Of(NetworkSpec spec, NetworkWeights weights, IReadOnlyList<double> state)
    {
        int n = spec.N;
        if (state.Count != n) throw new Core.Errors.AnalysisException($"a state has {state.Count} values, the network N = {n}");
        var r = state.Select(x => HiddenActivation.F(spec.Hidden, x)).ToArray();
        var z = Enumerable.Range(0, spec.Nout).Select(o => weights.BOut[o] + Enumerable.Range(0, n).Sum(j => weights.WOut[o * n + j] * r[j])).ToArray();
        int choice = Array.IndexOf(z, z.Max());
        double margin = z.Length < 2 ? double.NaN : z[choice] - z.Where((_, o) => o != choice).Max();
        return new StateReadout(z, choice, margin, state.Count(x => HiddenActivation.Derivative(spec.Hidden, x) > 0));
    }
}
