using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Lstm;
using EiRnn.Training.Model;
using EiRnn.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

/// <summary>
/// Trains one network on one task (docs/training.md): owns the model (a rate network or the LSTM baseline, behind
/// <see cref="ITrainingModel"/>), the optimiser, every random stream (trial sampling and noise, for training and
/// for validation, each derived from the recorded seed by name) and the validation history. <see cref="Step"/>
/// is one update; <see cref="TrainingRun"/> drives the loop.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    internal const string TrainTrials = "train/trials", ValidationTrials = "validation/trials";
    internal const string TrainNoise = "train/noise", ValidationNoise = "validation/noise";

    private readonly ITrainingModel _model;
    private readonly RandomStream _trialRng, _validationRng;
    private readonly Generator _trainNoise, _validationNoise;
    private readonly ParameterOptimiser _optimiser;
    private readonly List<ValidationRecord> _validations = [];
    private IReadOnlyList<NamedArray>? _best;
    private double _bestCost = double.PositiveInfinity;
    private long _bestUpdates = -1;
    private int _badGradientStreak;

    private Trainer(TrainConfig config, ICognitiveTask task, Tasks.Curricula.Curriculum? curriculum, ScalarType dtype)
    {
        Config = config.Validate();
        Task = task;
        (Spec, _model) = TrainingModels.Create(Config, task.Description, dtype);
        _optimiser = ParameterOptimiser.Create(_model.Trained(), config);
        _trialRng = RandomStream.Derive(config.Seed, TrainTrials);
        _validationRng = RandomStream.Derive(config.Seed, ValidationTrials);
        _trainNoise = new Generator(RandomStream.MixSeed(config.Seed, TrainNoise));
        _validationNoise = new Generator(RandomStream.MixSeed(config.Seed, ValidationNoise));
        StartCurriculum(curriculum);
    }

    /// <summary>A fresh network initialised per docs/training.md#initialisation (rate network) or docs/model.md#lstm-baseline (LSTM) from the config's seed.</summary>
    public static Trainer Start(TrainConfig config, ICognitiveTask task, ScalarType dtype = ScalarType.Float32) =>
        new(config, task, null, dtype);

    /// <summary>A fresh network for a resolved setup (its task and curriculum, docs/training.md#curriculum-learning).</summary>
    public static Trainer Start(TrainingSetup setup, ScalarType dtype = ScalarType.Float32) =>
        new(setup.Config, setup.Task, setup.Curriculum, dtype);

    public TrainConfig Config { get; }

    /// <summary>SHA-256 of the rate network's initial weights (docs/reproduce.md#initial-weights); null for the LSTM baseline.</summary>
    public string? InitialWeightsSha256 => (_model as RateTrainingModel)?.InitialWeightsSha256;
    public ICognitiveTask Task { get; }
    public NetworkSpec Spec { get; }

    /// <summary>The rate network being trained (network type rate).</summary>
    public RateNetwork Model => (_model as RateTrainingModel)?.Network
        ?? throw new InvalidOperationException($"this trainer trains an {Spec.Arch} network, not a rate network");

    /// <summary>The LSTM being trained (network type lstm).</summary>
    public LstmNetwork Lstm => (_model as LstmTrainingModel)?.Network
        ?? throw new InvalidOperationException($"this trainer trains an {Spec.Arch} network, not an LSTM");

    public long Updates { get; private set; }
    public long Trials { get; private set; }
    public IReadOnlyList<ValidationRecord> Validations => _validations;
    public double BestCost => _bestCost;
    public long BestUpdates => _bestUpdates;
    public int ValidationEvery => Config.EffectiveValidationEvery;

    public void Dispose()
    {
        _optimiser.Dispose();
        _trainNoise.Dispose();
        _validationNoise.Dispose();
        _metricNoise?.Dispose();
        _model.Dispose();
    }

    /// <summary>Inputs, targets, mask [B,T,·] and unpadded lengths [B] of a batch as tensors of the model's dtype.</summary>
    private BatchTensors ToTensors(TrialBatch b)
    {
        var dtype = _model.DType;
        Tensor T(float[] a, int width) => tensor(a, [b.BatchSize, b.Steps, width], ScalarType.Float32).to_type(dtype);
        return new BatchTensors(T(b.Inputs, b.InputCount), T(b.Targets, b.OutputCount), T(b.Mask, b.OutputCount),
            tensor(b.TrialSteps.Select(s => (double)s).ToArray(), [b.BatchSize], ScalarType.Float64).to_type(dtype));
    }
}
