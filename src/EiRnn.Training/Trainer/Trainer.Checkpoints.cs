using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

public sealed partial class Trainer
{
    /// <summary>Wall-clock seconds spent in earlier sessions of this run (resumed runs add to it).</summary>
    public double WallSecondsBefore { get; private set; }

    /// <summary>What training reports about the kept network so far.</summary>
    public TrainingRecord Record(bool converged)
    {
        var criterion = Task.Description.Criterion;
        return new TrainingRecord(Config.Task, Config.Preset.ToString().ToLowerInvariant(), Trials,
            StoppingCriterion.MetricName(criterion.Metric), BestValidation?.Performance ?? double.NaN,
            criterion.Threshold, converged, Config.TaskOptions, (Task as Tasks.Files.FileTask)?.SourceJson);
    }

    /// <summary>
    /// The whole training state: current parameters, optimiser slots, RNG states, history. With
    /// <paramref name="best"/> the arrays are those of the kept network instead (checkpoints/best).
    /// </summary>
    public Checkpoint CreateCheckpoint(bool best, bool converged, double wallSecondsThisSession)
    {
        var network = best ? _best ?? throw new InvalidOperationException("no validation has run yet") : _model.Arrays();
        var streams = new Dictionary<string, Core.Random.RandomStreamState>
        {
            [TrainTrials] = _trialRng.Capture(), [ValidationTrials] = _validationRng.Capture(),
        };
        var generators = new Dictionary<string, string>
        {
            [TrainNoise] = GeneratorState(_trainNoise), [ValidationNoise] = GeneratorState(_validationNoise),
        };
        if (_metricRng is not null) streams[CurriculumTrials] = _metricRng.Capture();
        if (_metricNoise is not null) generators[CurriculumNoise] = GeneratorState(_metricNoise);
        var header = new CheckpointHeader
        {
            Spec = Spec, Config = Config, Updates = Updates, Trials = Trials, Seed = Config.Seed,
            RandomStreams = streams, NoiseGenerators = generators,
            Optimiser = _optimiser.State(),
            Validations = _validations.ToArray(),
            Progress = new TrainerProgress(_bestCost, _bestUpdates, Updates - _bestUpdates, _badGradientStreak,
                WallSecondsBefore + wallSecondsThisSession),
            Record = Record(converged),
            Curriculum = CurriculumState(),
            InitialWeightsSha256 = InitialWeightsSha256,
        };
        return new Checkpoint(header, [.. network, .. _optimiser.SlotArrays(), .. _model.CarriedArrays()]);
    }

    /// <summary>Continues a run exactly where <paramref name="last"/> stopped (bitwise, same machine and threads).</summary>
    public static Trainer Resume(TrainConfig config, ICognitiveTask task, Checkpoint last, Checkpoint? best, ScalarType dtype = ScalarType.Float32) =>
        Resume(new TrainingSetup(config, task, null), last, best, dtype);

    /// <summary>Continues a run with a curriculum in the stage, and with the streams, where <paramref name="last"/> stopped.</summary>
    public static Trainer Resume(TrainingSetup setup, Checkpoint last, Checkpoint? best, ScalarType dtype = ScalarType.Float32)
    {
        var (config, task) = (setup.Config, setup.Task);
        var h = last.Header;
        // The budgets only decide when to stop, never what a step computes, so a resumed run may extend them.
        var comparable = config with { MaxWallSeconds = h.Config.MaxWallSeconds, MaxTrials = h.Config.MaxTrials, MaxUpdates = h.Config.MaxUpdates };
        if (ConfigDifference.First(h.Config, comparable) is { } key)
            throw new ConfigException(key, "differs from the checkpoint being resumed; resume with the same config and seed (only max_wall_seconds, max_trials and max_updates may change)");
        var trainer = new Trainer(config, task, setup.Curriculum, dtype);
        trainer._model.Load(last);
        trainer._optimiser.Restore(h.Optimiser, last);
        trainer._trialRng.Restore(h.RandomStreams[TrainTrials]);
        trainer._validationRng.Restore(h.RandomStreams[ValidationTrials]);
        SetGeneratorState(trainer._trainNoise, h.NoiseGenerators[TrainNoise]);
        SetGeneratorState(trainer._validationNoise, h.NoiseGenerators[ValidationNoise]);
        trainer._validations.AddRange(h.Validations);
        (trainer.Updates, trainer.Trials) = (h.Updates, h.Trials);
        (trainer._bestCost, trainer._bestUpdates, trainer._badGradientStreak) = (h.Progress.BestCost, h.Progress.BestUpdates, h.Progress.BadGradientStreak);
        trainer.WallSecondsBefore = h.Progress.WallSecondsBefore;
        trainer.RestoreCurriculum(h);
        if (best is not null && h.Progress.BestUpdates >= 0)
        {
            var names = trainer._model.Arrays().Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            trainer._best = best.Arrays.Values.Where(a => names.Contains(a.Name)).ToArray();
            if (trainer._best.Count != names.Count) throw new TrainingException("checkpoints/best does not hold the network's arrays; it belongs to another run");
        }
        trainer._model.RestoreCarried(last);
        return trainer;
    }

    /// <summary>The kept (lowest validation cost) network for export: effective and pruned (rate network), as trained (LSTM).</summary>
    public TrainedNetwork BestNetwork(bool converged) =>
        CheckpointWeights.ToTrainedNetwork(CreateCheckpoint(best: true, converged, 0));

    private static string GeneratorState(Generator g)
    {
        using var state = g.get_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    private static void SetGeneratorState(Generator g, string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        using var state = tensor(bytes, [bytes.Length], ScalarType.Byte);
        g.set_state(state);
    }
}
