using EiRnn.Core.Network;

namespace EiRnn.Interop;

/// <summary>
/// A rate network's arrays in the model contract's orientation (row-major; W[i, j] from unit j to unit i):
/// W_in [N, Nin], W_rec [N, N], W_out [Nout, N], b_rec [N], b_out [Nout], x0 [N]. Float64 while importing.
/// </summary>
internal sealed record RateArrays(int N, int Nin, int Nout, double[] WIn, double[] WRec, double[] WOut, double[] BRec, double[] BOut, double[] X0)
{
    /// <summary>Unit i of the result is unit perm[i] of this network (rows and columns alike).</summary>
    public RateArrays Permuted(IReadOnlyList<int> perm)
    {
        int n = N;
        var wIn = new double[WIn.Length]; var wRec = new double[WRec.Length]; var wOut = new double[WOut.Length];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < Nin; c++) wIn[i * Nin + c] = WIn[perm[i] * Nin + c];
            for (int j = 0; j < n; j++) wRec[i * n + j] = WRec[perm[i] * n + perm[j]];
        }
        for (int o = 0; o < Nout; o++)
            for (int j = 0; j < n; j++) wOut[o * n + j] = WOut[o * n + perm[j]];
        return this with
        {
            WIn = wIn, WRec = wRec, WOut = wOut,
            BRec = perm.Select(p => BRec[p]).ToArray(), X0 = perm.Select(p => X0[p]).ToArray(),
        };
    }

    public NetworkWeights ToWeights() => new(F(WIn), F(WRec), F(WOut), F(BRec), F(BOut), F(X0));

    public static RateArrays Of(NetworkWeights w, NetworkSpec s) =>
        new(s.N, s.Nin, s.Nout, D(w.WIn), D(w.WRec), D(w.WOut), D(w.BRec), D(w.BOut), D(w.X0));

    private static float[] F(double[] a) => a.Select(v => (float)v).ToArray();
    private static double[] D(float[] a) => a.Select(v => (double)v).ToArray();
}
