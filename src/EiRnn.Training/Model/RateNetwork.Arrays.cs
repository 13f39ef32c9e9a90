using EiRnn.Core.Config;
using EiRnn.Core.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Model;

/// <summary>z [B,T,Nout], r [B,T,N] and x_last [B,N] of a no-grad run, as float32 arrays.</summary>
public sealed record ForwardArrays(float[] Z, float[] R, float[] XLast);

public sealed partial class RateNetwork
{
    /// <summary>
    /// A network whose weights are already effective (after Dale's law, masks and pruning), e.g. read from a
    /// model file: the forward pass uses them as they are. For parity tests against other implementations.
    /// </summary>
    public static RateNetwork FromEffective(NetworkSpec spec, NetworkWeights w, ScalarType dtype = ScalarType.Float32)
    {
        w.Validated(spec);
        float[] Zeros(int n) => new float[n];
        float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();
        var p = new RateNetworkParameters(w.WIn, w.WRec, w.WOut, Zeros(w.WIn.Length), Zeros(w.WRec.Length), Zeros(w.WOut.Length),
            Ones(w.WIn.Length), Ones(w.WRec.Length), Ones(w.WOut.Length), w.BRec, w.BOut, w.X0);
        return new RateNetwork(spec, p, Positivity.Rectify, dtype, weightsAreEffective: true);
    }

    /// <summary>
    /// No-grad forward with explicit inputs (the ONNX contract's feeds): u [B,T,Nin] without baseline or noise,
    /// noise_in [B,T,Nin] and noise_rec [B,T,N] standard normals, x_init [B,N]. Returns z, r, x_last.
    /// </summary>
    public ForwardArrays ForwardNoGrad(float[] u, float[] noiseIn, float[] noiseRec, float[] xInit, int batch, int steps, double dtMs)
    {
        int n = Spec.N, nin = Spec.Nin;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor T(float[] a, long[] shape) => tensor(a, shape, ScalarType.Float32).to_type(DType);
        var (z, r, xLast) = Run(T(u, [batch, steps, nin]), T(noiseIn, [batch, steps, nin]),
            T(noiseRec, [batch, steps, n]), T(xInit, [batch, n]), dtMs);
        return new ForwardArrays(ToArray(z), ToArray(r), ToArray(xLast));
    }

    /// <summary>
    /// The same equations as <see cref="Forward"/>, without autograd and with per-step temporaries freed each
    /// step (validation batches are large). Call under no_grad. The arithmetic order matches Forward exactly.
    /// </summary>
    internal (Tensor Z, Tensor R, Tensor XLast) Run(Tensor u, Tensor noiseIn, Tensor noiseRec, Tensor xInit, double dtMs)
    {
        long batch = u.shape[0], steps = u.shape[1];
        var alpha = Alpha(dtMs);
        var keep = alpha.OneMinus();
        var drive = InputDrive(u, noiseIn, dtMs);
        var noise = noiseRec.mul(RecurrentNoiseScale(alpha));
        var wRecT = RecurrentWeights().t();
        var rates = empty([batch, steps, Spec.N], DType);
        var x = xInit.clone();
        for (int k = 0; k < steps; k++)
        {
            using var step = NewDisposeScope();
            var r = Nonlinearities.Hidden(Spec.Hidden, x);
            var next = EulerStep(x, r, alpha, keep, drive.select(1, k), noise.select(1, k), wRecT);
            x.copy_(next);
            rates.select(1, k).copy_(Nonlinearities.Hidden(Spec.Hidden, next));
        }
        return (Readout(rates), rates, x);
    }

    /// <summary>Plastic, fixed, mask, bias and initial-state arrays (float32), e.g. for checkpoints.</summary>
    public RateNetworkParameters Parameters() => new(
        ToArray(w_in_pl), ToArray(w_rec_pl), ToArray(w_out_pl), ToArray(f_in), ToArray(f_rec), ToArray(f_out),
        ToArray(m_in), ToArray(m_rec), ToArray(m_out), ToArray(b_rec), ToArray(b_out), ToArray(x0));

    /// <summary>Overwrites the plastic matrices, biases and x_0 (masks and fixed matrices must be equal).</summary>
    public void LoadParameters(RateNetworkParameters p)
    {
        using var noGrad = no_grad();
        void Set(Tensor target, float[] values)
        {
            if (values.Length != target.numel()) throw new ArgumentException($"expected {target.numel()} values, got {values.Length}");
            using var src = tensor(values, target.shape, ScalarType.Float32);
            target.copy_(src);
        }
        Set(w_in_pl, p.WInPlastic); Set(w_rec_pl, p.WRecPlastic); Set(w_out_pl, p.WOutPlastic);
        Set(b_rec, p.BRec); Set(b_out, p.BOut); Set(x0, p.X0);
        Set(f_in, p.WInFixed); Set(f_rec, p.WRecFixed); Set(f_out, p.WOutFixed);
        Set(m_in, p.MaskIn); Set(m_rec, p.MaskRec); Set(m_out, p.MaskOut);
    }

    /// <summary>Effective weights after w_min pruning (docs/training.md#pruning-after-training): what the model file stores.</summary>
    public NetworkWeights EffectiveWeights(double wMin)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        float[] Pruned(Tensor w) => ToArray(w).Select(v => MathF.Abs(v) < (float)wMin ? 0f : v).ToArray();
        return new NetworkWeights(Pruned(InputWeights()), Pruned(RecurrentWeights()), Pruned(OutputWeights()),
            ToArray(b_rec), ToArray(b_out), ToArray(x0)).Validated(Spec);
    }

    internal static float[] ToArray(Tensor t)
    {
        using var f = t.detach().to_type(ScalarType.Float32).contiguous();
        return f.data<float>().ToArray();
    }
}
