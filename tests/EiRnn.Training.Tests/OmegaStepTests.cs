using EiRnn.Core.Config;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

/// <summary>
/// The Ω step forms ∂(L + λ_Ω Ω)/∂W_rec in one product from the loss's backward pass
/// (src/EiRnn.Training/Trainer/RateTrainingModel.Omega.cs). Oracle: the direct formulation, autograd of the
/// task loss for v_t = ∂L/∂x_t, Ω from <see cref="VanishingGradientRegulariser.Compute"/> (its own product with
/// W_rec, v and x frozen), autograd of λ_Ω Ω and of the regularisers, in float64.
/// </summary>
[TestClass]
public sealed class OmegaStepTests
{
    private static TrainConfig Pycog => WithRate(TinyNetworks.Pycog(n: 9), r => r with { LambdaOmega = 2 });

    private static TrainConfig WithRate(TrainConfig c, Func<RateNetworkConfig, RateNetworkConfig> change) => c with { Network = change(c.Rate) };

    public static IEnumerable<object[]> Configs => Named.Keys.Select(k => new object[] { k });

    private static readonly Dictionary<string, TrainConfig> Named = new()
    {
        ["pycog"] = Pycog,
        ["f′ at x_t"] = WithRate(Pycog, r => r with { OmegaDerivativeAtCurrentStep = true }),
        ["authors' form"] = WithRate(Pycog, r => r with { OmegaForm = OmegaForm.Pycog }),
        ["authors' form, faster I units"] = WithRate(Pycog, r => r with { OmegaForm = OmegaForm.Pycog, TauInhibitoryMs = 60 }),
        ["biases and every regulariser"] = WithRate(Pycog, r => r with
        {
            TrainRecurrentBias = true, TrainOutputBias = true,
            L1In = 0.01, L1Rec = 0.02, L1Out = 0.03, L2In = 0.04, L2Rec = 0.05, L2Out = 0.06, L2Rate = 0.07,
        }),
        ["psychrnn with Omega"] = WithRate(TrainConfigResolver.Defaults(TinyNetworks.Task.Description, Core.Network.Preset.Psychrnn) with
        {
            DtMs = 50, BatchSize = 2, Seed = 4,
        }, r => r with { N = 9, SigmaRec = 0.1, LambdaOmega = 1.5, L1Rec = 0.02, L2Rate = 0.05 }),
    };

    [TestMethod]
    [DynamicData(nameof(Configs))]
    public void GradientsEqualTheDirectFormulationInFloat64(string name)
    {
        var (fast, direct, omega, directOmega) = Gradients(Named[name], ScalarType.Float64);
        Assert.AreEqual(directOmega, omega, 1e-12 * Math.Abs(directOmega), $"{name}: Ω");
        for (int p = 0; p < fast.Length; p++)
            AssertClose(direct[p], fast[p], 1e-12, $"{name}: parameter {p}");
    }

    /// <summary>float32 training (another summation order) stays within float32 rounding of the float64 result.</summary>
    [TestMethod]
    [DynamicData(nameof(Configs))]
    public void Float32GradientsAreWithinRoundingOfFloat64(string name)
    {
        var (single, _, _, _) = Gradients(Named[name], ScalarType.Float32);
        var (_, reference, _, _) = Gradients(Named[name], ScalarType.Float64);
        for (int p = 0; p < single.Length; p++)
            AssertClose(reference[p], single[p], 1e-5, $"{name}: parameter {p}");
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        double scale = expected.Max(Math.Abs), worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.IsTrue(scale > 0 || worst == 0, $"{what}: zero gradient");
        Assert.IsTrue(worst <= relative * scale, $"{what}: max |fast − direct| = {worst:G3}, largest {scale:G3}");
    }

    /// <summary>
    /// Continuous mode (the sequence task) starts a batch from the state carried over from the last one, a constant without
    /// a gradient; the Ω step must accept it (it once aborted the process: r_{-1} = f(x_init) did not require grad).
    /// </summary>
    [TestMethod]
    public void ACarriedInitialStateGivesTheDirectGradients()
    {
        var continuous = WithRate(Pycog, r => r with { CarryStateInTraining = true, TrainInitialState = false }) with { BatchSize = 1 };
        var (fast, direct, omega, directOmega) = Gradients(continuous, ScalarType.Float64, carried: true);
        Assert.AreEqual(directOmega, omega, 1e-12 * Math.Abs(directOmega), "Ω");
        for (int p = 0; p < fast.Length; p++)
            AssertClose(direct[p], fast[p], 1e-12, $"parameter {p}");
    }

    private static (double[][] Fast, double[][] Direct, double Omega, double DirectOmega) Gradients(TrainConfig config, ScalarType dtype,
        bool carried = false)
    {
        using var trainer = Trainer.Start(config, TinyNetworks.Task, dtype);
        var batch = TinyNetworks.TwoTrials();
        using var scope = NewDisposeScope();
        var gen = new Generator(17);
        var noiseIn = randn([batch.BatchSize, batch.Steps, trainer.Spec.Nin], ScalarType.Float64, generator: gen).to_type(dtype);
        var noiseRec = randn([batch.BatchSize, batch.Steps, trainer.Spec.N], ScalarType.Float64, generator: gen).to_type(dtype);
        var model = trainer.Model;
        Tensor XInit() => carried ? full([batch.BatchSize, trainer.Spec.N], 0.3, dtype) : model.X0.expand(batch.BatchSize, trainer.Spec.N);
        var fast = trainer.ComputeGradients(batch, noiseIn, noiseRec, XInit());

        // The direct formulation (as at 1df30a3), always in float64 on a float64 copy of the weights.
        using var reference = Trainer.Start(config, TinyNetworks.Task, ScalarType.Float64);
        reference.Model.LoadParameters(model.Parameters());
        var net = reference.Model;
        var x0 = carried ? full([batch.BatchSize, trainer.Spec.N], 0.3, ScalarType.Float64) : net.X0.expand(batch.BatchSize, trainer.Spec.N);
        Tensor T(float[] a, int w) => tensor(a, [batch.BatchSize, batch.Steps, w]).to_type(ScalarType.Float64);
        var roll = net.Forward(T(batch.Inputs, batch.InputCount), noiseIn.to_type(ScalarType.Float64), noiseRec.to_type(ScalarType.Float64),
            x0, config.DtMs);
        var loss = new TaskLoss(config.Loss, config.Rate.Output).Compute(roll.Z, T(batch.Targets, batch.OutputCount),
            T(batch.Mask, batch.OutputCount), tensor(batch.TrialSteps.Select(s => (double)s).ToArray()));
        var ps = net.Trained().Select(p => (Tensor)p.Value).ToArray();
        var all = autograd.grad([loss], [.. ps, .. roll.Steps], retain_graph: true);
        var v = stack(all.Skip(ps.Length).ToArray(), 1);
        var x = roll.X.detach();
        var at = config.Rate.OmegaDerivativeAtCurrentStep ? x : cat([x0.detach().unsqueeze(1), x.narrow(1, 0, x.shape[1] - 1)], 1);
        var alpha = net.Alpha(config.DtMs);
        if (config.Rate.OmegaForm == OmegaForm.Pycog)
        {
            // The authors' vectors, step by step: at step k the gradient reaching x_k through the leak of step k+1,
            // (1 − α)⊙∂L/∂x_{k+1}, none after the last step; f′ at x_k itself.
            int steps = (int)x.shape[1];
            v = stack(Enumerable.Range(0, steps).Select(k => k + 1 < steps ? v.select(1, k + 1).mul(alpha.OneMinus()) : zeros_like(v.select(1, k))).ToArray(), 1);
            at = x;
        }
        var omega = VanishingGradientRegulariser.Compute(v, at, net.RecurrentWeights(), alpha, trainer.Spec.Hidden);
        var total = loss + omega * config.Rate.LambdaOmega;
        if (new WeightAndRateRegularisers(config.Rate).Compute(net, roll.R) is { } r) total = total + r;
        // v and x enter Ω as constants, so one pass of L + λΩ + R gives the direct gradient.
        var direct = autograd.grad([total + ps.Select(p => p.sum() * 0).Aggregate((a, b) => a + b)], ps);
        double[] D(Tensor t) => t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return (fast.Gradients.Select(D).ToArray(), direct.Select(D).ToArray(), fast.Omega, omega.ToDouble());
    }
}
