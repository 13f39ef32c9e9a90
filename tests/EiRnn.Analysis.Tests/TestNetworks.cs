using EiRnn.Core.Network;

namespace EiRnn.Analysis.Tests;

/// <summary>Small network specs for tests.</summary>
internal static class TestNetworks
{
    public static NetworkSpec Spec(int n, int nin, int nout, bool dale, float tau = 100f,
        HiddenNonlinearity hidden = HiddenNonlinearity.Rectify) => new NetworkSpec
    {
        N = n, Nin = nin, Nout = nout, Dale = dale,
        UnitTypes = dale ? NetworkSpec.FirstExcitatory(n, 0.8) : NetworkSpec.Repeat(UnitType.Excitatory, n),
        UnitAreas = NetworkSpec.Repeat("all", n),
        UnitInputGroups = NetworkSpec.Repeat("", n),
        TauMs = NetworkSpec.Repeat(tau, n),
        U0 = NetworkSpec.Repeat(0.2f, nin),
        DtTrainMs = 20,
        InputNames = Enumerable.Range(0, nin).Select(i => $"in{i}").ToArray(),
        OutputNames = Enumerable.Range(0, nout).Select(i => $"out{i}").ToArray(),
        Hidden = hidden,
    }.Validated();

    public static NetworkWeights Weights(NetworkSpec s, float[] wRec, float[] wIn, float[]? bRec = null, float[]? wOut = null) =>
        new NetworkWeights(wIn, wRec, wOut ?? new float[s.Nout * s.N], bRec ?? new float[s.N], new float[s.Nout], new float[s.N]).Validated(s);
}
