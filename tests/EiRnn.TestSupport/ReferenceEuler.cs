using EiRnn.Core.Network;

namespace EiRnn.TestSupport;

/// <summary>
/// The third implementation: a plain float64 loop written directly from docs/model.md#euler-discretisation and
/// docs/model.md#time-indexing, with no shared code with Training or Simulation. Step k consumes u[:,k], noise[:,k] and
/// r_k = f(x_k) and produces x_{k+1}; r[:,k] = f(x_{k+1}); z[:,k] = g(W_out r[:,k] + b_out).
/// </summary>
public static class ReferenceEuler
{
    public sealed record Result(double[] Z, double[] R, double[] XLast);

    /// <summary>Optional hand-applied perturbation: lesion mask on rates and an added current per step.</summary>
    public sealed record Perturbation(Func<int, int, bool>? Lesioned = null, Func<int, int, double>? Current = null);

    public static Result Run(NetworkSpec spec, NetworkWeights w, float[] u, float[] noiseIn, float[] noiseRec,
        float[] xInit, int batch, int steps, double dtMs, double? sigmaIn = null, double? sigmaRec = null,
        Perturbation? perturbation = null)
    {
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        double sIn = sigmaIn ?? spec.SigmaIn, sRec = sigmaRec ?? spec.SigmaRec;
        var z = new double[batch * steps * nout];
        var r = new double[batch * steps * n];
        var xLast = new double[batch * n];
        var x = new double[n];
        var rate = new double[n];
        var uEff = new double[nin];
        var xNext = new double[n];
        double inNoiseScale = Math.Sqrt(2 * spec.TauInMs / dtMs) * sIn;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < n; i++) x[i] = xInit[b * n + i];
            for (int k = 0; k < steps; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    rate[i] = F(spec.Hidden, x[i]);
                    if (perturbation?.Lesioned?.Invoke(k, i) == true) rate[i] = 0;
                }
                for (int c = 0; c < nin; c++)
                {
                    int idx = (b * steps + k) * nin + c;
                    double v = spec.U0[c] + u[idx] + inNoiseScale * noiseIn[idx];
                    uEff[c] = spec.RectifyInputs ? Math.Max(v, 0) : v;
                }
                for (int i = 0; i < n; i++)
                {
                    double alpha = dtMs / spec.TauMs[i];
                    double drive = w.BRec[i];
                    for (int j = 0; j < n; j++) drive += w.WRec[i * n + j] * rate[j];
                    for (int c = 0; c < nin; c++) drive += w.WIn[i * nin + c] * uEff[c];
                    if (perturbation?.Current is { } cur) drive += cur(k, i);
                    xNext[i] = (1 - alpha) * x[i] + alpha * drive + Math.Sqrt(2 * alpha) * sRec * noiseRec[(b * steps + k) * n + i];
                }
                Array.Copy(xNext, x, n);
                for (int i = 0; i < n; i++)
                {
                    double ri = F(spec.Hidden, x[i]);
                    if (perturbation?.Lesioned?.Invoke(k + 1, i) == true) ri = 0;
                    r[(b * steps + k) * n + i] = ri;
                }
                var zRow = new double[nout];
                for (int o = 0; o < nout; o++)
                {
                    double acc = w.BOut[o];
                    for (int j = 0; j < n; j++) acc += w.WOut[o * n + j] * r[(b * steps + k) * n + j];
                    zRow[o] = acc;
                }
                G(spec.Output, zRow);
                for (int o = 0; o < nout; o++) z[(b * steps + k) * nout + o] = zRow[o];
            }
            for (int i = 0; i < n; i++) xLast[b * n + i] = x[i];
        }
        return new Result(z, r, xLast);
    }

    public static double F(HiddenNonlinearity f, double x) => f switch
    {
        HiddenNonlinearity.Rectify => Math.Max(x, 0),
        HiddenNonlinearity.Linear => x,
        HiddenNonlinearity.RectifyPower => x > 0 ? x * x : 0,
        HiddenNonlinearity.Sigmoid => 1 / (1 + Math.Exp(-x)),
        HiddenNonlinearity.Tanh => Math.Tanh(x),
        HiddenNonlinearity.Rtanh => Math.Tanh(Math.Max(x, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static void G(OutputNonlinearity g, double[] z)
    {
        switch (g)
        {
            case OutputNonlinearity.Linear: return;
            case OutputNonlinearity.Rectify: for (int i = 0; i < z.Length; i++) z[i] = Math.Max(z[i], 0); return;
            case OutputNonlinearity.RectifyPower: for (int i = 0; i < z.Length; i++) z[i] = z[i] > 0 ? z[i] * z[i] : 0; return;
            case OutputNonlinearity.Sigmoid: for (int i = 0; i < z.Length; i++) z[i] = 1 / (1 + Math.Exp(-z[i])); return;
            case OutputNonlinearity.Softmax:
                double m = z.Max(), s = 0;
                for (int i = 0; i < z.Length; i++) { z[i] = Math.Exp(z[i] - m); s += z[i]; }
                for (int i = 0; i < z.Length; i++) z[i] /= s;
                return;
        }
    }

    /// <summary>Elementwise |a − b| ≤ tol·(1 + |b|); returns the worst relative excess for messages.</summary>
    public static (bool Ok, double WorstError, int WorstIndex) Compare(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double tol = 1e-5)
    {
        if (actual.Length != expected.Length) return (false, double.PositiveInfinity, -1);
        double worst = 0; int at = -1; bool ok = true;
        for (int i = 0; i < actual.Length; i++)
        {
            double err = Math.Abs(actual[i] - expected[i]);
            if (err > tol * (1 + Math.Abs(expected[i]))) ok = false;
            if (err > worst) { worst = err; at = i; }
        }
        return (ok, worst, at);
    }
}
