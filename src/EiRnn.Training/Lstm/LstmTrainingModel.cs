using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training.Lstm;

/// <summary>
/// The LSTM baseline (docs/model.md#lstm-baseline) in the training loop. It has no noise, no Ω and no regularisers (its
/// config cannot ask for them, see <see cref="LstmNetworkConfig"/>): the gradient is that of the task loss.
/// When the safeguard rejects a gradient, the four gate matrices (which hold the recurrent weights) take
/// the shrink that W_rec^pl takes in the rate network; nothing else moves.
/// </summary>
internal sealed class LstmTrainingModel : ITrainingModel
{
    private readonly NetworkSpec _spec;
    private readonly TaskLoss _loss;

    public LstmTrainingModel(TrainConfig config, NetworkSpec spec, ScalarType dtype)
    {
        _spec = spec;
        Network = new LstmNetwork(spec.N, spec.Nin, spec.Nout, config.Seed, dtype);
        _loss = new TaskLoss(config.Loss, spec.Output);
    }

    public LstmNetwork Network { get; }
    public ScalarType DType => Network.DType;

    public IReadOnlyList<(string Name, Parameter Value)> Trained() => Network.Trained();

    public MinibatchGradients Gradients(BatchTensors batch, Generator noise)
    {
        var z = Network.Forward(batch.U).Z;
        var loss = _loss.Compute(z, batch.Target, batch.Mask, batch.TrialSteps);
        var gradients = autograd.grad([loss], Trained().Select(p => (Tensor)p.Value).ToArray()).ToArray();
        return new MinibatchGradients(gradients, loss, 0);
    }

    public Tensor?[] ShrinkGradients(double factor) =>
        Trained().Select(p => LstmNetwork.GateWeightNames.Contains(p.Name) ? (Tensor?)p.Value.detach().Times(factor) : null).ToArray();

    public (Tensor Z, Tensor Cost) Evaluate(BatchTensors batch, Generator noise)
    {
        var (z, _) = Network.Run(batch.U);
        return (z, _loss.Compute(z, batch.Target, batch.Mask, batch.TrialSteps));
    }

    public IReadOnlyList<NamedArray> Arrays() => LstmCheckpointArrays.ToArrays(Network.Weights(), _spec);

    public void Load(Checkpoint checkpoint) => Network.Load(LstmCheckpointArrays.ToWeights(checkpoint));

    public IReadOnlyList<NamedArray> CarriedArrays() => [];

    public void RestoreCarried(Checkpoint last) { }

    public void Dispose() => Network.Dispose();
}
