using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Training.Model;
using TorchSharp;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training.Lstm;

/// <summary>
/// The PsychRNN LSTM baseline of docs/model.md#lstm-baseline (no biological constraints), same task interface as the rate
/// network: u [B,T,Nin] in, z [B,T,Nout] out. With v = [h_{t−1}, u_t]: f, i, o = σ(v W + b), c̃ = tanh(v W_c + b_c),
/// c_t = f⊙c_{t−1} + i⊙c̃, h_t = o ⊙ sigmoid(c_t) (sigmoid, as in [Rc]), z_t = W_out h_t + b_out.
/// </summary>
public sealed class LstmNetwork : nn.Module
{
    // These names are TorchSharp's parameter and buffer names (RegisterComponents), stored in checkpoints: kept as they are.
#pragma warning disable IDE1006
    private readonly Parameter w_f, w_i, w_c, w_o, b_f, b_i, b_c, b_o, w_out, b_out, h_init, c_init;
#pragma warning restore IDE1006
    private readonly int _n, _nin;

    /// <summary>Gate weights ~ N(0, 0.1²), gate biases 1, W_out ~ glorot-gauss, h_0, c_0 ~ N(0, 0.1²).</summary>
    public LstmNetwork(int n, int nin, int nout, ulong seed, ScalarType dtype = ScalarType.Float32)
        : this(Initial(n, nin, nout, seed), n, nin, nout, dtype) { }

    public LstmNetwork(LstmWeights w, int n, int nin, int nout, ScalarType dtype = ScalarType.Float32) : base("LstmNetwork")
    {
        (_n, _nin) = (n, nin);
        DType = dtype;
        Parameter P(float[] values, params long[] shape)
        {
            if (values.Length != shape.Aggregate(1L, (a, b) => a * b)) throw new ArgumentException($"expected shape [{string.Join(",", shape)}], got {values.Length} values");
            using var t = tensor(values, shape, ScalarType.Float32);
            return new Parameter(t.to_type(dtype).detach().clone(), requires_grad: true);
        }
        w_f = P(w.WForget, n + nin, n); w_i = P(w.WInput, n + nin, n); w_c = P(w.WCandidate, n + nin, n); w_o = P(w.WOutputGate, n + nin, n);
        b_f = P(w.BForget, n); b_i = P(w.BInput, n); b_c = P(w.BCandidate, n); b_o = P(w.BOutputGate, n);
        w_out = P(w.WOut, nout, n); b_out = P(w.BOut, nout); h_init = P(w.HInit, n); c_init = P(w.CInit, n);
        RegisterComponents();
    }

    public ScalarType DType { get; }

    /// <summary>Every parameter (the LSTM trains all of them), by checkpoint name, in a fixed order.</summary>
    public IReadOnlyList<(string Name, Parameter Value)> Trained() =>
    [
        (LstmWForget, w_f), (LstmWInput, w_i), (LstmWCandidate, w_c), (LstmWOutputGate, w_o),
        (LstmBForget, b_f), (LstmBInput, b_i), (LstmBCandidate, b_c), (LstmBOutputGate, b_o),
        (LstmWOut, w_out), (LstmBOut, b_out), (LstmHInit, h_init), (LstmCInit, c_init),
    ];

    /// <summary>Names of the four gate matrices (they hold the recurrent weights).</summary>
    public static IReadOnlySet<string> GateWeightNames { get; } = new HashSet<string>(StringComparer.Ordinal)
        { LstmWForget, LstmWInput, LstmWCandidate, LstmWOutputGate };

    /// <summary>z [B,T,Nout], h [B,T,N], h_T and c_T [B,N]; initial states default to the trained h_0, c_0.</summary>
    public (Tensor Z, Tensor H, Tensor HLast, Tensor CLast) Forward(Tensor u, Tensor? hInit = null, Tensor? cInit = null)
    {
        long batch = u.shape[0], steps = u.shape[1];
        var (fromInput, fromHidden) = GateDrives(u);
        var drive = fromInput.unbind(1);                                   // [B,4N] per step
        var h = hInit ?? h_init.expand(batch, _n);
        var c = cInit ?? c_init.expand(batch, _n);
        var hs = new Tensor[steps];
        for (int t = 0; t < steps; t++)
        {
            (h, c) = Step(drive[t], h, c, fromHidden);
            hs[t] = h;
        }
        var hAll = stack(hs, 1);
        return (Readout(hAll), hAll, h, c);
    }

    /// <summary>
    /// The same equations as <see cref="Forward"/> without autograd, freeing each step's temporaries (validation
    /// batches are large). Call under no_grad. The arithmetic is Forward's, so the results agree bit for bit.
    /// </summary>
    internal (Tensor Z, Tensor H) Run(Tensor u)
    {
        long batch = u.shape[0], steps = u.shape[1];
        var (fromInput, fromHidden) = GateDrives(u);
        var hs = empty([batch, steps, _n], DType);
        var h = h_init.expand(batch, _n).clone();
        var c = c_init.expand(batch, _n).clone();
        for (int t = 0; t < steps; t++)
        {
            using var step = NewDisposeScope();
            var (hNext, cNext) = Step(fromInput.select(1, t), h, c, fromHidden);
            h.copy_(hNext);
            c.copy_(cNext);
            hs.select(1, t).copy_(hNext);
        }
        return (Readout(hs), hs);
    }

    /// <summary>Overwrites every parameter (e.g. from a checkpoint).</summary>
    public void Load(LstmWeights w)
    {
        using var noGrad = no_grad();
        float[][] values = [w.WForget, w.WInput, w.WCandidate, w.WOutputGate, w.BForget, w.BInput, w.BCandidate, w.BOutputGate, w.WOut, w.BOut, w.HInit, w.CInit];
        var targets = Trained();
        for (int k = 0; k < targets.Count; k++)
        {
            var target = targets[k].Value;
            if (values[k].Length != target.numel()) throw new ArgumentException($"{targets[k].Name}: expected {target.numel()} values, got {values[k].Length}");
            using var src = tensor(values[k], target.shape, ScalarType.Float32);
            target.copy_(src);
        }
    }

    public LstmWeights Weights() => new(RateNetwork.ToArray(w_f), RateNetwork.ToArray(w_i), RateNetwork.ToArray(w_c), RateNetwork.ToArray(w_o),
        RateNetwork.ToArray(b_f), RateNetwork.ToArray(b_i), RateNetwork.ToArray(b_c), RateNetwork.ToArray(b_o),
        RateNetwork.ToArray(w_out), RateNetwork.ToArray(b_out), RateNetwork.ToArray(h_init), RateNetwork.ToArray(c_init));

    /// <summary>u·W_u + b for all steps at once [B,T,4N] (gate order f, i, c̃, o), and the recurrent rows W_h [N,4N].</summary>
    private (Tensor FromInput, Tensor FromHidden) GateDrives(Tensor u)
    {
        var gatesW = cat([w_f, w_i, w_c, w_o], 1);                       // [(N+Nin), 4N]
        var gatesB = cat([b_f, b_i, b_c, b_o], 0);
        return (matmul(u, gatesW.narrow(0, _n, _nin)).Plus(gatesB), gatesW.narrow(0, 0, _n));
    }

    private static (Tensor H, Tensor C) Step(Tensor drive, Tensor h, Tensor c, Tensor fromHidden)
    {
        var gates = addmm(drive, h, fromHidden, 1f, 1f).chunk(4, 1);
        var cNext = sigmoid(gates[0]).mul(c).Plus(sigmoid(gates[1]).mul(tanh(gates[2])));
        return (sigmoid(gates[3]).mul(sigmoid(cNext)), cNext);
    }

    private Tensor Readout(Tensor hAll) => matmul(hAll, w_out.t()).Plus(b_out);

    private static LstmWeights Initial(int n, int nin, int nout, ulong seed)
    {
        float[] Normal(string purpose, int count, double std)
        {
            var rng = RandomStream.Derive(seed, purpose);
            return Enumerable.Range(0, count).Select(_ => (float)(std * rng.NextNormal())).ToArray();
        }
        float[] Ones(int count) => Enumerable.Repeat(1f, count).ToArray();
        int g = (n + nin) * n;
        // Glorot-gauss readout with full masks: fan_in = N (row sum), fan_out = Nout (column sum).
        return new LstmWeights(Normal("init/lstm/w_f", g, 0.1), Normal("init/lstm/w_i", g, 0.1), Normal("init/lstm/w_c", g, 0.1),
            Normal("init/lstm/w_o", g, 0.1), Ones(n), Ones(n), Ones(n), Ones(n),
            Normal("init/lstm/w_out", nout * n, Math.Sqrt(2.0 / (n + nout))), new float[nout],
            Normal("init/lstm/h_init", n, 0.1), Normal("init/lstm/c_init", n, 0.1));
    }
}
