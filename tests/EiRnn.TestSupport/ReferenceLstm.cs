using EiRnn.Core.Network;

namespace EiRnn.TestSupport;

/// <summary>
/// The third implementation of the LSTM baseline: a plain float64 loop written directly from docs/model.md#lstm-baseline,
/// one unit at a time, with no shared code with Training, Onnx or Simulation. With v = [h_{t−1}, u_t]:
/// f, i, o = σ(v·W + b), c̃ = tanh(v·W_c + b_c); c_t = f c_{t−1} + i c̃; h_t = o σ(c_t) (sigmoid, not tanh);
/// z_t = W_out h_t + b_out. Gate matrices are [(N + Nin), N], row r multiplies v_r.
/// </summary>
public static class ReferenceLstm
{
    /// <summary>z [batch, steps, Nout], h [batch, steps, N], h_last and c_last [batch, N], row-major.</summary>
    public sealed record Result(double[] Z, double[] H, double[] HLast, double[] CLast);

    /// <summary>
    /// Runs every trial from its own initial state. u is [batch, steps, Nin]; hInit and cInit are [batch, N].
    /// N, Nin and Nout come from the weights' shapes.
    /// </summary>
    public static Result Run(LstmWeights w, float[] u, float[] hInit, float[] cInit, int batch, int steps)
    {
        int n = w.BForget.Length, nout = w.BOut.Length, nin = w.WForget.Length / n - n;
        if (u.Length != batch * steps * nin || hInit.Length != batch * n || cInit.Length != batch * n)
            throw new ArgumentException($"u must be [{batch}, {steps}, {nin}] and h/c init [{batch}, {n}]");
        var z = new double[batch * steps * nout];
        var hs = new double[batch * steps * n];
        var hLast = new double[batch * n];
        var cLast = new double[batch * n];
        var v = new double[n + nin];
        var h = new double[n];
        var c = new double[n];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < n; j++) (h[j], c[j]) = (hInit[b * n + j], cInit[b * n + j]);
            for (int t = 0; t < steps; t++)
            {
                // v is filled from h_{t−1} before any unit is updated, so h can be overwritten in place.
                for (int j = 0; j < n; j++) v[j] = h[j];
                for (int q = 0; q < nin; q++) v[n + q] = u[(b * steps + t) * nin + q];
                for (int j = 0; j < n; j++)
                {
                    double forget = Sigmoid(Pre(v, w.WForget, w.BForget, j, n));
                    double input = Sigmoid(Pre(v, w.WInput, w.BInput, j, n));
                    double candidate = Math.Tanh(Pre(v, w.WCandidate, w.BCandidate, j, n));
                    double output = Sigmoid(Pre(v, w.WOutputGate, w.BOutputGate, j, n));
                    c[j] = forget * c[j] + input * candidate;
                    h[j] = output * Sigmoid(c[j]);
                }
                Array.Copy(h, 0, hs, (b * steps + t) * n, n);
                for (int o = 0; o < nout; o++)
                {
                    double s = w.BOut[o];
                    for (int j = 0; j < n; j++) s += w.WOut[o * n + j] * h[j];
                    z[(b * steps + t) * nout + o] = s;
                }
            }
            Array.Copy(h, 0, hLast, b * n, n);
            Array.Copy(c, 0, cLast, b * n, n);
        }
        return new Result(z, hs, hLast, cLast);
    }

    /// <summary>Pre-activation of unit j: b_j + Σ_r v_r W[r, j].</summary>
    private static double Pre(double[] v, float[] weights, float[] bias, int j, int n)
    {
        double s = bias[j];
        for (int r = 0; r < v.Length; r++) s += v[r] * weights[r * n + j];
        return s;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
