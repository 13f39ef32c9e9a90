using System.Text.Json.Nodes;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Curricula;
using EiRnn.Tasks;

namespace EiRnn.Training;

/// <summary>What a `train` run trains on: the resolved config, the run's task and its curriculum, if any.</summary>
public sealed record TrainingSetup(TrainConfig Config, ICognitiveTask Task, Curriculum? Curriculum);

/// <summary>
/// Resolves a <see cref="TrainConfig"/>: the task (built from its typed task_options), the task's network recipe
/// (TaskNetworkDefaults), then the preset's objective and optimiser (docs/training.md#pycog-preset for pycog, docs/training.md#psychrnn-preset for
/// PsychRNN), then the user's JSON file, then command-line values; validated once at the end. Task options
/// and curriculum stages are stored back complete, so a resolved config (and a checkpoint) shows every value.
/// An LSTM (<c>"network": {"type": "lstm"}</c>) starts from the PsychRNN recipe (docs/model.md#lstm-baseline: the LSTM is
/// PsychRNN's) unless the file names a preset; its network block has only its size (<see cref="LstmNetworkConfig"/>).
/// </summary>
public static class TrainConfigResolver
{
    public static TrainConfig Defaults(TaskDescription task, Preset preset, NetworkArch architecture = NetworkArch.EiRnn)
    {
        var d = task.Defaults;
        var shared = new TrainConfig
        {
            Task = task.Name, Preset = preset, DtMs = d.DtTrainMs, BatchSize = d.BatchSize, ValidationTrials = d.ValidationTrials,
            Network = architecture == NetworkArch.Lstm ? new LstmNetworkConfig { N = d.N } : RateDefaults(task, preset),
        };
        return preset switch
        {
            Preset.Pycog => shared,
            Preset.Psychrnn => shared with
            {
                Loss = LossNormalisation.PsychrnnMean, Optimiser = OptimiserKind.Adam, LearningRate = 0.001,
                Clipping = GradientClipping.PerTensor, MaxTrials = 200_000,
            },
            _ => throw new ConfigException("preset", $"'{preset}' is not a known preset"),
        };
    }

    /// <summary>The rate network of a task's recipe under a preset.</summary>
    private static RateNetworkConfig RateDefaults(TaskDescription task, Preset preset)
    {
        var d = task.Defaults;
        var network = new RateNetworkConfig
        {
            N = d.N, ExcitatoryFraction = d.ExcitatoryFraction, Dale = d.Dale, TauMs = d.TauMs,
            SigmaRec = d.SigmaRec, SigmaIn = d.SigmaIn,
            Structure = d.Structure, ReadoutFromAllUnits = d.ReadoutFromAllUnits, ConnectStartCue = d.ConnectStartCue,
            CarryStateInTraining = d.Continuous, TrainInitialState = !d.Continuous,
        };
        return preset != Preset.Psychrnn ? network : network with
        {
            // A pycog task trained with the PsychRNN recipe gets PsychRNN's rec_noise default, 0.
            SigmaRec = d.Preset == Preset.Psychrnn ? d.SigmaRec : 0,
            U0 = 0, SigmaIn = 0, RectifyInputs = false,
            Autapses = true, Positivity = Positivity.AbsoluteValue,
            TrainRecurrentBias = true, TrainOutputBias = true, InitialStateNoise = 0.01,
            RecurrentInit = RecurrentInit.GaussianSpectralRadius, SpectralRadius = 1.1,
            InputOutputInit = InputOutputInit.GlorotGauss,
            RegulariseEffectiveWeights = true, LambdaOmega = 0,
        };
    }

    /// <summary>Builds the config of a `train` run. <paramref name="configJson"/> may be null (no file).</summary>
    public static TrainConfig Resolve(string? configJson, string? taskName, ulong? seed, TaskRegistry registry, string source = "config")
    {
        // Every problem found while resolving names the file (range checks included), see docs/errors.md#strict-json.
        try { return ResolveFrom(configJson, taskName, seed, registry, source); }
        catch (ConfigException e) when (configJson is not null) { throw e.WithFile(source); }
    }

    private static TrainConfig ResolveFrom(string? configJson, string? taskName, ulong? seed, TaskRegistry registry, string source)
    {
        string? fileTask = configJson is null ? null : TrainConfig.PeekString(configJson, "task", source);
        string name = taskName ?? fileTask
            ?? throw new ConfigException("task", "is required (give --task NAME or \"task\" in the config)");
        var definition = registry.Definition(name);
        // The task's options come first: they may change its network recipe (mante areas: the structure).
        var options = definition.Normalise(configJson is null ? null : TrainConfig.PeekElement(configJson, "task_options", source));
        var task = definition.Create(options);
        string? networkType = configJson is null ? null : TrainConfig.PeekNetworkType(configJson, source);
        var architecture = networkType is null ? NetworkArch.EiRnn : ParseNetworkType(networkType);
        string? presetText = configJson is null ? null : TrainConfig.PeekString(configJson, "preset", source);
        var preset = presetText is not null ? ParsePreset(presetText, source)
            : architecture == NetworkArch.Lstm ? Preset.Psychrnn : task.Description.Defaults.Preset;
        if (architecture == NetworkArch.Lstm) CheckOptionsFitLstm(definition, task, options, preset);
        var config = Defaults(task.Description, preset, architecture);
        if (configJson is not null) config = config.WithOverrides(configJson, source);
        config = (config with { Task = name, Seed = seed ?? config.Seed, TaskOptions = options }).Validate();
        config = config with { Curriculum = ResolveCurriculum(config, registry) };
        Setup(config, registry); // builds every stage once, so that a bad stage stops here (also with --print-config)
        return config;
    }

    /// <summary>
    /// An LSTM has no rate-network recipe, so a task option that changes it (mante <c>areas</c>: the structure;
    /// multisensory <c>connect_start_cue</c>) would be dropped without a word: refuse it, naming the option.
    /// </summary>
    private static void CheckOptionsFitLstm(Tasks.Options.TaskDefinition definition, ICognitiveTask task, JsonElement options, Preset preset)
    {
        var baseline = definition.Create().Description;
        string? key = RecipeDifference(baseline, task.Description, preset);
        if (key is null) return;
        // Name the option responsible: the first non-default one that changes the recipe on its own.
        var defaults = definition.Normalise(null);
        string culprit = "task_options";
        foreach (var option in options.EnumerateObject())
        {
            if (defaults.TryGetProperty(option.Name, out var d) && JsonElement.DeepEquals(d, option.Value)) continue;
            var single = JsonSerializer.SerializeToElement(new JsonObject { [option.Name] = JsonNode.Parse(option.Value.GetRawText()) });
            ICognitiveTask alone;
            try { alone = definition.Create(single); }
            catch (ConfigException) { continue; }   // valid only with the other options: not the one to name
            if (RecipeDifference(baseline, alone.Description, preset) is not null) { culprit = $"task_options.{option.Name}"; break; }
        }
        throw new ConfigException(culprit, $"changes the rate network's {key}, which does not apply to network type lstm " +
                                           "(the LSTM baseline of docs/model.md#lstm-baseline has no structure, masks or input groups); remove it");
    }

    /// <summary>The first rate-network key (other than n, which an LSTM has too) whose recipe value differs.</summary>
    private static string? RecipeDifference(TaskDescription a, TaskDescription b, Preset preset)
    {
        RateNetworkConfig x = RateDefaults(a, preset), y = RateDefaults(b, preset);
        return ConfigDifference.First(x with { N = y.N }, y);
    }

    /// <summary>The tasks a resolved config trains on (its stages' tasks are built from their stored options).</summary>
    public static TrainingSetup Setup(TrainConfig config, TaskRegistry registry)
    {
        var task = registry.Create(config.Task, config.TaskOptions);
        if (config.Curriculum is not { } c) return new TrainingSetup(config, task, null);
        var stages = c.Stages.Select((s, i) =>
        {
            string field = $"curriculum.stages[{i}]";
            var stageTask = registry.Create(s.Task ?? config.Task, s.TaskOptions, $"{field}.task_options");
            CheckFits(stageTask, task, field);
            return new CurriculumStage(s.Name ?? $"stage {i}", stageTask, ParseMetric(s.Metric, stageTask, field), s.Threshold);
        }).ToArray();
        return new TrainingSetup(config, task, new Curriculum(stages, c.MetricEveryBatches, c.AfterLastStage));
    }

    /// <summary>Each stage with its task named, its options complete (the run's options overridden by the
    /// stage's, for the run's own task), its metric named and its label set.</summary>
    private static CurriculumConfig? ResolveCurriculum(TrainConfig config, TaskRegistry registry)
    {
        if (config.Curriculum is not { } c) return null;
        var stages = c.Stages.Select((s, i) =>
        {
            string field = $"curriculum.stages[{i}]";
            string name = s.Task ?? config.Task;
            var definition = StageDefinition(registry, name, field);
            var merged = name == config.Task ? Merge(config.TaskOptions, s.TaskOptions) : s.TaskOptions;
            var options = definition.Normalise(merged, $"{field}.task_options");
            var task = definition.Create(options, $"{field}.task_options");
            return s with
            {
                Name = s.Name ?? $"stage {i}", Task = name, TaskOptions = options,
                Metric = StoppingCriterion.MetricName(ParseMetric(s.Metric, task, field)),
            };
        }).ToArray();
        return c with { Stages = stages };
    }

    private static Tasks.Options.TaskDefinition StageDefinition(TaskRegistry registry, string name, string field)
    {
        try { return registry.Definition(name); }
        catch (ConfigException e) { throw new ConfigException($"{field}.task", e.Problem, e); }
    }

    private static JsonElement? Merge(JsonElement? runOptions, JsonElement? stageOptions)
    {
        if (stageOptions is null) return runOptions;
        if (runOptions is not { ValueKind: JsonValueKind.Object } run) return stageOptions;
        var merged = JsonNode.Parse(run.GetRawText())!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(stageOptions.Value.GetRawText())!.AsObject())
            merged[key] = value?.DeepClone();
        return JsonSerializer.SerializeToElement(merged);
    }

    private static TaskMetric ParseMetric(string? name, ICognitiveTask task, string field)
    {
        var own = task.Description.Criterion.Metric;
        if (name is null || name == StoppingCriterion.MetricName(own)) return own;
        if (name == StoppingCriterion.MetricName(TaskMetric.Rmse)) return TaskMetric.Rmse;
        throw new ConfigException($"{field}.metric", $"must be {StoppingCriterion.MetricName(own)} (the task's own) or rmse, got '{name}'");
    }

    private static void CheckFits(ICognitiveTask stage, ICognitiveTask run, string field)
    {
        var (s, r) = (stage.Description, run.Description);
        if (!s.InputNames.SequenceEqual(r.InputNames) || !s.OutputNames.SequenceEqual(r.OutputNames))
            throw new ConfigException($"{field}.task", $"'{s.Name}' has other inputs or outputs ({s.InputNames.Count} in, {s.OutputNames.Count} out) " +
                                                      $"than the run's task '{r.Name}' ({r.InputNames.Count} in, {r.OutputNames.Count} out); one network must fit every stage");
    }

    private static NetworkArch ParseNetworkType(string type) => type switch
    {
        NetworkConfig.RateType => NetworkArch.EiRnn,
        NetworkConfig.LstmType => NetworkArch.Lstm,
        _ => throw new ConfigException("network.type", $"must be one of {string.Join(", ", NetworkConfig.TypeNames)}, got '{type}'"),
    };

    private static Preset ParsePreset(string text, string source) => text switch
    {
        "pycog" => Preset.Pycog,
        "psychrnn" => Preset.Psychrnn,
        _ => throw new ConfigException("preset", $"must be one of pycog, psychrnn, got '{text}'"),
    };
}
