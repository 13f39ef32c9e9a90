using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Model;
using TorchSharp;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;
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
            criterion.Threshold, converged, Config.TaskOptions);
    }

    /// <summary>
    /// The whole training state: current parameters, optimiser slots, RNG states, history. With
    /// <paramref name="best"/> the arrays are those of the kept network instead (checkpoints/best).
    /// </summary>
    public Checkpoint CreateCheckpoint(bool best, bool converged, double wallSecondsThisSession)
    {
        var p = best ? _best ?? throw new InvalidOperationException("no validation has run yet") : Model.Parameters();
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
        };
        var arrays = ToArrays(p).ToList();
        arrays.AddRange(_optimiser.SlotArrays());
        if (_carriedState is not null) arrays.Add(new NamedArray(CarriedState, [1, Spec.N], RateNetwork.ToArray(_carriedState)));
        return new Checkpoint(header, arrays);
    }

    /// <summary>Continues a run exactly where <paramref name="last"/> stopped (bitwise, same machine and threads).</summary>
    public static Trainer Resume(TrainConfig config, ICognitiveTask task, Checkpoint last, Checkpoint? best, ScalarType dtype = ScalarType.Float32) =>
        Resume(new TrainingSetup(config, task, null), last, best, dtype);

    /// <summary>Continues a run with a curriculum in the stage, and with the streams, where <paramref name="last"/> stopped.</summary>
    public static Trainer Resume(TrainingSetup setup, Checkpoint last, Checkpoint? best, ScalarType dtype = ScalarType.Float32)
    {
        var (config, task) = (setup.Config, setup.Task);
        var h = last.Header;
        string saved = JsonConfig.Serialize(h.Config), asked = JsonConfig.Serialize(config);
        if (saved != asked)
            throw new ConfigException(FirstDifference(h.Config, config), "differs from the checkpoint being resumed; resume with the same config and seed");
        var trainer = new Trainer(config, task, setup.Curriculum, dtype);
        trainer.Model.LoadParameters(FromArrays(last));
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
        if (best is not null && h.Progress.BestUpdates >= 0) trainer._best = FromArrays(best);
        if (last.Arrays.ContainsKey(CarriedState))
            trainer._carriedState = tensor(last.Array(CarriedState), [1, trainer.Spec.N], ScalarType.Float32).to_type(dtype).DetachFromDisposeScope();
        return trainer;
    }

    /// <summary>The kept (lowest validation cost) network, effective and pruned, for export.</summary>
    public TrainedNetwork BestNetwork(bool converged) =>
        CheckpointWeights.ToTrainedNetwork(CreateCheckpoint(best: true, converged, 0));

    private IEnumerable<NamedArray> ToArrays(RateNetworkParameters p)
    {
        int n = Spec.N, nin = Spec.Nin, nout = Spec.Nout;
        yield return new(WInPlastic, [n, nin], p.WInPlastic);
        yield return new(WRecPlastic, [n, n], p.WRecPlastic);
        yield return new(WOutPlastic, [nout, n], p.WOutPlastic);
        yield return new(WInFixed, [n, nin], p.WInFixed);
        yield return new(WRecFixed, [n, n], p.WRecFixed);
        yield return new(WOutFixed, [nout, n], p.WOutFixed);
        yield return new(MaskIn, [n, nin], p.MaskIn);
        yield return new(MaskRec, [n, n], p.MaskRec);
        yield return new(MaskOut, [nout, n], p.MaskOut);
        yield return new(BRec, [n], p.BRec);
        yield return new(BOut, [nout], p.BOut);
        yield return new(X0, [n], p.X0);
    }

    private static RateNetworkParameters FromArrays(Checkpoint c) => new(
        c.Array(WInPlastic), c.Array(WRecPlastic), c.Array(WOutPlastic), c.Array(WInFixed), c.Array(WRecFixed),
        c.Array(WOutFixed), c.Array(MaskIn), c.Array(MaskRec), c.Array(MaskOut), c.Array(BRec), c.Array(BOut), c.Array(X0));

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

    private static string FirstDifference(TrainConfig a, TrainConfig b)
    {
        var x = System.Text.Json.Nodes.JsonNode.Parse(JsonConfig.Serialize(a))!.AsObject();
        var y = System.Text.Json.Nodes.JsonNode.Parse(JsonConfig.Serialize(b))!.AsObject();
        foreach (var (key, value) in x)
            if (!System.Text.Json.Nodes.JsonNode.DeepEquals(value, y[key])) return key;
        return "config";
    }
}
