using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Lstm;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training;

/// <summary>A minibatch as tensors of the model's dtype: u, targets, mask [B,T,·] and unpadded lengths [B].</summary>
internal sealed record BatchTensors(Tensor U, Tensor Target, Tensor Mask, Tensor TrialSteps)
{
    public long BatchSize => U.shape[0];
    public long StepCount => U.shape[1];
}

/// <summary>Gradients of one minibatch aligned with <see cref="ITrainingModel.Trained"/>, before clipping.</summary>
/// <param name="Loss">Task loss (without regularisers).</param>
/// <param name="Omega">Ω before λ_Ω (0 when the model has none).</param>
internal sealed record MinibatchGradients(Tensor[] Gradients, Tensor Loss, double Omega);

/// <summary>
/// What the one training loop (<see cref="Trainer"/>) needs from a network: its trained parameters, a
/// differentiable minibatch pass with gradients, a no-grad validation pass, the shrink the gradient safeguard
/// applies, and its arrays for checkpoints. The rate network (docs/training.md) and the LSTM baseline (docs/model.md#lstm-baseline)
/// implement it; loss, optimiser, clipping, validation, stopping and checkpoint files are shared.
/// </summary>
internal interface ITrainingModel : IDisposable
{
    ScalarType DType { get; }

    /// <summary>The parameters training updates, by checkpoint name, in a fixed order.</summary>
    IReadOnlyList<(string Name, Parameter Value)> Trained();

    /// <summary>∂(L + R)/∂θ (plus any model-specific term) for one minibatch; noise, if any, from <paramref name="noise"/>.
    /// Call inside a dispose scope.</summary>
    MinibatchGradients Gradients(BatchTensors batch, Generator noise);

    /// <summary>The "gradient" applied instead of an unusable one (docs/training.md#gradient-clipping-and-the-non-finite-safeguard): factor × the recurrent weights,
    /// null (no update) for every other parameter. Aligned with <see cref="Trained"/>.</summary>
    Tensor?[] ShrinkGradients(double factor);

    /// <summary>No-grad pass over a validation batch: outputs z [B,T,Nout] and cost (loss + regularisers).
    /// Call inside a dispose scope.</summary>
    (Tensor Z, Tensor Cost) Evaluate(BatchTensors batch, Generator noise);

    /// <summary>The network's arrays as a checkpoint stores them (also the kept "best" copy).</summary>
    IReadOnlyList<NamedArray> Arrays();

    /// <summary>Overwrites the network from a checkpoint's arrays.</summary>
    void Load(Checkpoint checkpoint);

    /// <summary>Training state that is not a parameter (the rate network's carried state in continuous mode).</summary>
    IReadOnlyList<NamedArray> CarriedArrays();

    void RestoreCarried(Checkpoint last);
}

/// <summary>Builds the network a config asks for (<see cref="TrainConfig.Network"/>).</summary>
internal static class TrainingModels
{
    public static (NetworkSpec Spec, ITrainingModel Model) Create(TrainConfig config, TaskDescription task, ScalarType dtype)
    {
        if (config.Architecture == NetworkArch.Lstm)
        {
            var lstmSpec = NetworkAssembly.BuildLstm(config, task);
            return (lstmSpec, new LstmTrainingModel(config, lstmSpec, dtype));
        }
        var (spec, connectivity) = NetworkAssembly.Build(config, task);
        return (spec, new RateTrainingModel(config, spec, connectivity, dtype));
    }
}
