using EiRnn.Core.Config;
using EiRnn.Core.Network;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training.Model;

/// <summary>States and outputs of one rollout: Z [B,T,Nout], R = f(X) [B,T,N], X [B,T,N], the per-step
/// state tensors x_1..x_T (graph nodes, for v_t = ∂L/∂x_t) and the rates r_0..r_{T−1} each step multiplies by
/// W_rec (graph nodes: their gradient is (α⊙v_{k+1}) W_rec, the product Ω needs).</summary>
public sealed record Rollout(Tensor Z, Tensor R, Tensor X, Tensor[] Steps, Tensor[] StepRates);

/// <summary>
/// The E/I rate network of docs/model.md as a TorchSharp module. Plastic matrices, biases and x_0 are
/// parameters; fixed matrices F, masks M, Dale signs D and τ are buffers. Time indexing follows
/// docs/model.md#time-indexing: step k consumes u[:,k], noise_in[:,k], noise_rec[:,k] and r_k = f(x_k), produces x_{k+1};
/// R[:,k] = f(x_{k+1}); Z[:,k] = g(W_out R[:,k] + b_out).
/// </summary>
public sealed partial class RateNetwork : nn.Module
{
    // These names are TorchSharp's parameter and buffer names (RegisterComponents), stored in checkpoints: kept as they are.
#pragma warning disable IDE1006
    private readonly Parameter w_in_pl, w_rec_pl, w_out_pl, b_rec, b_out, x0;
    private readonly Tensor f_in, f_rec, f_out, m_in, m_rec, m_out, sign, tau, u0;
#pragma warning restore IDE1006

    public RateNetwork(NetworkSpec spec, RateNetworkParameters p, Positivity positivity,
        ScalarType dtype = ScalarType.Float32, bool trainRecurrentBias = false, bool trainOutputBias = false,
        bool trainInitialState = true, bool weightsAreEffective = false) : base("RateNetwork")
    {
        Spec = spec.Validated();
        _constrained = spec.Dale && !weightsAreEffective;
        Positivity = positivity;
        DType = dtype;
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        w_in_pl = Param(p.WInPlastic, [n, nin], true);
        w_rec_pl = Param(p.WRecPlastic, [n, n], true);
        w_out_pl = Param(p.WOutPlastic, [nout, n], true);
        b_rec = Param(p.BRec, [n], trainRecurrentBias);
        b_out = Param(p.BOut, [nout], trainOutputBias);
        x0 = Param(p.X0, [n], trainInitialState);
        f_in = Buffer(p.WInFixed, [n, nin]); f_rec = Buffer(p.WRecFixed, [n, n]); f_out = Buffer(p.WOutFixed, [nout, n]);
        m_in = Buffer(p.MaskIn, [n, nin]); m_rec = Buffer(p.MaskRec, [n, n]); m_out = Buffer(p.MaskOut, [nout, n]);
        sign = Buffer(Enumerable.Range(0, n).Select(spec.Sign).ToArray(), [n]);
        tau = Buffer(spec.TauMs.ToArray(), [n]);
        u0 = Buffer(spec.U0.ToArray(), [nin]);
        RegisterComponents();
    }

    // False when the "plastic" matrices already hold effective weights (a network read back from a model file).
    private readonly bool _constrained;

    public NetworkSpec Spec { get; }
    public Positivity Positivity { get; }
    public ScalarType DType { get; }

    public Parameter WInPlastic => w_in_pl;
    public Parameter WRecPlastic => w_rec_pl;
    public Parameter WOutPlastic => w_out_pl;
    public Parameter BRec => b_rec;
    public Parameter BOut => b_out;
    public Parameter X0 => x0;

    /// <summary>The parameters that training updates, by checkpoint name, in a fixed order.</summary>
    public IReadOnlyList<(string Name, Parameter Value)> Trained() =>
        new (string, Parameter)[] { ("w_in_pl", w_in_pl), ("w_rec_pl", w_rec_pl), ("w_out_pl", w_out_pl),
                                    ("b_rec", b_rec), ("b_out", b_out), ("x0", x0) }
            .Where(p => p.Item2.requires_grad).ToArray();

    /// <summary>α = Δt/τ per unit, [N].</summary>
    public Tensor Alpha(double dtMs) => tau.reciprocal().Times(dtMs);

    /// <summary>Effective W_rec = pos(M ⊙ W^pl + F)·D (Dale) or M ⊙ W^pl + F (docs/model.md#dales-law-and-effective-weights).</summary>
    public Tensor RecurrentWeights() => Signed(Positive(m_rec.mul(w_rec_pl).Plus(f_rec)));

    public Tensor InputWeights() => Positive(m_in.mul(w_in_pl).Plus(f_in));

    public Tensor OutputWeights() => Signed(Positive(m_out.mul(w_out_pl).Plus(f_out)));

    private Tensor Positive(Tensor w) => !_constrained ? w
        : Positivity == Positivity.AbsoluteValue ? w.abs() : w.relu();

    private Tensor Signed(Tensor w) => _constrained ? w.mul(sign) : w;   // column j times e_j

    /// <summary>
    /// Differentiable rollout (Eq 9): x_{k+1} = (1−α)x_k + α(W_rec f(x_k) + W_in ũ_k + b_rec) + sqrt(2α)σ_rec ξ_k,
    /// ũ_k = [u0 + u_k + sqrt(2τ_in/Δt)σ_in ξ_in,k]+. Inputs are [B,T,·]; x_init is [B,N].
    /// <paramref name="recurrentWeights"/> replaces <see cref="RecurrentWeights"/> (the Ω step passes it detached
    /// and forms W_rec's gradient itself, RateTrainingModel.OmegaGradients).
    /// </summary>
    public Rollout Forward(Tensor u, Tensor noiseIn, Tensor noiseRec, Tensor xInit, double dtMs, Tensor? recurrentWeights = null)
    {
        long steps = u.shape[1];
        var alpha = Alpha(dtMs);
        var keep = alpha.OneMinus();
        // Input drive and recurrent noise for all steps at once, then split per step (views whose backward
        // is one stack, not a full-size zero gradient per step).
        var drive = InputDrive(u, noiseIn, dtMs).unbind(1);
        var noise = noiseRec.mul(RecurrentNoiseScale(alpha)).unbind(1);
        var wRecT = (recurrentWeights ?? RecurrentWeights()).t();
        var x = xInit;
        var states = new Tensor[steps];
        var stepRates = new Tensor[steps];
        for (int k = 0; k < steps; k++)
        {
            var r = stepRates[k] = Nonlinearities.Hidden(Spec.Hidden, x);
            x = EulerStep(x, r, alpha, keep, drive[k], noise[k], wRecT);
            states[k] = x;
        }
        var xs = stack(states, 1);
        var rates = Nonlinearities.Hidden(Spec.Hidden, xs);
        return new Rollout(Readout(rates), rates, xs, states, stepRates);
    }

    /// <summary>Eq 9: x_{k+1} = (1−α) x_k + α (W_rec r_k + W_in ũ_k + b_rec) + noise_k, as noise + keep·x + α·pre.</summary>
    internal static Tensor EulerStep(Tensor x, Tensor r, Tensor alpha, Tensor keep, Tensor drive, Tensor noise, Tensor wRecT) =>
        noise.Plus(keep.mul(x)).addcmul(alpha, addmm(drive, r, wRecT, 1f, 1f), TensorArithmetic.One);

    /// <summary>W_in ũ + b_rec for every step, [B,T,N].</summary>
    private Tensor InputDrive(Tensor u, Tensor noiseIn, double dtMs)
    {
        double inScale = Math.Sqrt(2 * Spec.TauInMs / dtMs) * Spec.SigmaIn;
        var uTilde = inScale == 0 ? u.Plus(u0) : u.Plus(u0).Plus(noiseIn.Times(inScale));
        if (Spec.RectifyInputs) uTilde = uTilde.relu();
        return matmul(uTilde, InputWeights().t()).Plus(b_rec);
    }

    private Tensor RecurrentNoiseScale(Tensor alpha) => alpha.Times(2).sqrt().Times(Spec.SigmaRec);

    /// <summary>z = g(W_out r + b_out) over the last dimension of r.</summary>
    public Tensor Readout(Tensor rates) => Nonlinearities.Output(Spec.Output, matmul(rates, OutputWeights().t()).Plus(b_out));

    private Parameter Param(float[] values, long[] shape, bool trainable) =>
        new(Buffer(values, shape), requires_grad: trainable);

    private Tensor Buffer(float[] values, long[] shape)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (values.Length != expected)
            throw new ArgumentException($"expected {expected} values for shape [{string.Join(",", shape)}], got {values.Length}");
        using var t = tensor(values, shape, ScalarType.Float32);
        return t.to_type(DType).detach().clone();
    }
}
