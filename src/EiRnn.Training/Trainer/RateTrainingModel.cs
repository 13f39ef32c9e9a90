using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Training.Initialisation;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training;

/// <summary>Gradients of one rate-network minibatch with what Ω was computed from (tests check it).</summary>
internal sealed record GradientResult(Tensor[] Gradients, Tensor Loss, double Omega, Rollout Rollout,
    Tensor? V, Tensor? OmegaDerivativeAt);

/// <summary>
/// The E/I rate network of docs/model.md in the training loop: input and recurrent noise per minibatch, the
/// weight and rate regularisers (docs/training.md#weight-and-rate-regularisers), Ω (docs/training.md#vanishing-gradient-regulariser-omega), the W_rec^pl shrink of the safeguard (docs/training.md#gradient-clipping-and-the-non-finite-safeguard) and, in
/// continuous mode (docs/model.md#initial-state), the state carried from trial to trial.
/// </summary>
internal sealed partial class RateTrainingModel : ITrainingModel
{
    private readonly RateNetworkConfig _config;
    private readonly double _dtMs;
    private readonly TaskLoss _loss;
    private readonly WeightAndRateRegularisers _regularisers;
    private Tensor? _carriedState;

    public RateTrainingModel(TrainConfig config, NetworkSpec spec, NetworkConnectivity connectivity, ScalarType dtype)
    {
        (_config, _dtMs) = (config.Rate, config.DtMs);
        var initial = NetworkInitialiser.Create(_config, connectivity, config.Seed);
        InitialWeightsSha256 = InitialWeightsHash.Of(initial);
        Network = new RateNetwork(spec, initial, _config.Positivity, dtype, _config.TrainRecurrentBias, _config.TrainOutputBias,
            _config.TrainInitialState && !_config.CarryStateInTraining);
        _loss = new TaskLoss(config.Loss, _config.Output);
        _regularisers = new WeightAndRateRegularisers(_config);
    }

    public RateNetwork Network { get; }

    /// <summary>SHA-256 of the initial parameters (docs/reproduce.md#initial-weights), recorded in checkpoints and model metadata.</summary>
    public string InitialWeightsSha256 { get; }
    public ScalarType DType => Network.DType;
    private NetworkSpec Spec => Network.Spec;

    public IReadOnlyList<(string Name, Parameter Value)> Trained() => Network.Trained();

    public MinibatchGradients Gradients(BatchTensors batch, Generator noise)
    {
        var (noiseIn, noiseRec) = Noise(batch, noise);
        var xInit = _carriedState ?? Network.X0.expand(batch.BatchSize, Spec.N);
        var g = ComputeGradients(batch, noiseIn, noiseRec, xInit);
        if (_config.CarryStateInTraining)
        {
            var last = g.Rollout.X.select(1, g.Rollout.X.shape[1] - 1).detach().clone().MoveToOuterDisposeScope();
            _carriedState?.Dispose();
            _carriedState = last;
        }
        return new MinibatchGradients(g.Gradients, g.Loss, g.Omega);
    }

    /// <summary>
    /// ∂(L + R)/∂θ plus λ_Ω ∂Ω/∂W_rec^pl (docs/training.md#loss). With Ω on see <see cref="OmegaGradients"/>; the
    /// regularisers' gradient is a second pass. Call inside a dispose scope.
    /// </summary>
    internal GradientResult ComputeGradients(BatchTensors batch, Tensor noiseIn, Tensor noiseRec, Tensor xInit)
    {
        var trained = Network.Trained();
        var parameters = trained.Select(p => (Tensor)p.Value).ToArray();
        if (_config.LambdaOmega > 0) return OmegaGradients(batch, noiseIn, noiseRec, xInit, trained);
        var rollout = Network.Forward(batch.U, noiseIn, noiseRec, xInit, _dtMs);
        var loss = _loss.Compute(rollout.Z, batch.Target, batch.Mask, batch.TrialSteps);
        var regulariser = _regularisers.Compute(Network, rollout.R);
        var plain = autograd.grad([regulariser is null ? loss : loss.Plus(regulariser)], parameters).ToArray();
        return new GradientResult(plain, loss, 0, rollout, null, null);
    }

    /// <summary>Only W_rec^pl moves: it takes factor × itself (pycog's shrink after a non-finite gradient).</summary>
    public Tensor?[] ShrinkGradients(double factor) =>
        Network.Trained().Select(p => p.Name == WRecPlastic ? (Tensor?)p.Value.detach().Times(factor) : null).ToArray();

    public (Tensor Z, Tensor Cost) Evaluate(BatchTensors batch, Generator noise)
    {
        var (noiseIn, noiseRec) = Noise(batch, noise);
        var xInit = Network.X0.expand(batch.BatchSize, Spec.N);
        var (z, rates, _) = Network.Run(batch.U, noiseIn, noiseRec, xInit, _dtMs);
        var cost = _loss.Compute(z, batch.Target, batch.Mask, batch.TrialSteps);
        if (_regularisers.Compute(Network, rates) is { } reg) cost = cost.Plus(reg);
        return (z, cost);
    }

    public IReadOnlyList<NamedArray> Arrays()
    {
        var p = Network.Parameters();
        int n = Spec.N, nin = Spec.Nin, nout = Spec.Nout;
        return
        [
            new(WInPlastic, [n, nin], p.WInPlastic), new(WRecPlastic, [n, n], p.WRecPlastic), new(WOutPlastic, [nout, n], p.WOutPlastic),
            new(WInFixed, [n, nin], p.WInFixed), new(WRecFixed, [n, n], p.WRecFixed), new(WOutFixed, [nout, n], p.WOutFixed),
            new(MaskIn, [n, nin], p.MaskIn), new(MaskRec, [n, n], p.MaskRec), new(MaskOut, [nout, n], p.MaskOut),
            new(BRec, [n], p.BRec), new(BOut, [nout], p.BOut), new(X0, [n], p.X0),
        ];
    }

    public void Load(Checkpoint c) => Network.LoadParameters(new RateNetworkParameters(
        c.Array(WInPlastic), c.Array(WRecPlastic), c.Array(WOutPlastic), c.Array(WInFixed), c.Array(WRecFixed),
        c.Array(WOutFixed), c.Array(MaskIn), c.Array(MaskRec), c.Array(MaskOut), c.Array(BRec), c.Array(BOut), c.Array(X0)));

    public IReadOnlyList<NamedArray> CarriedArrays() =>
        _carriedState is null ? [] : [new NamedArray(CarriedState, [1, Spec.N], RateNetwork.ToArray(_carriedState))];

    public void RestoreCarried(Checkpoint last)
    {
        if (!last.Arrays.ContainsKey(CarriedState)) return;
        _carriedState?.Dispose();
        _carriedState = tensor(last.Array(CarriedState), [1, Spec.N], ScalarType.Float32).to_type(DType).DetachFromDisposeScope();
    }

    private (Tensor NoiseIn, Tensor NoiseRec) Noise(BatchTensors b, Generator g) =>
        (randn([b.BatchSize, b.StepCount, Spec.Nin], DType, generator: g),
         randn([b.BatchSize, b.StepCount, Spec.N], DType, generator: g));

    public void Dispose()
    {
        _carriedState?.Dispose();
        Network.Dispose();
    }
}
