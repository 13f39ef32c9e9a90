using System.Text.Json;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>What training does once the last curriculum stage is passed (docs/training.md#curriculum-learning).</summary>
public enum AfterLastStage
{
    /// <summary>Stop training (docs/training.md#curriculum-learning, PsychRNN): the run has converged when every stage passed.</summary>
    Stop,
    /// <summary>Keep training on the run's task until its own stopping rule (docs/training.md#validation-stopping-and-model-selection) fires.</summary>
    Continue,
}

/// <summary>
/// The `curriculum` key of a train config (docs/training.md#curriculum-learning): ordered stages, each a parameterisation of a task
/// (by default the run's task with some of its task_options changed), trained on until a metric computed on a
/// fresh batch of the stage reaches the stage's threshold. Checked here for ranges; the stage tasks, their
/// options and metrics are checked where the task registry is known (the trainer's config resolver).
/// </summary>
public sealed record CurriculumConfig
{
    /// <summary>Batches between metric evaluations, counted over the whole run (PsychRNN's metric_epoch, 10).</summary>
    public int MetricEveryBatches { get; init; } = 10;
    public AfterLastStage AfterLastStage { get; init; } = AfterLastStage.Stop;
    public IReadOnlyList<CurriculumStageConfig> Stages { get; init; } = [];

    public void Validate()
    {
        if (MetricEveryBatches < 1) throw new ConfigException("curriculum.metric_every_batches", $"must be >= 1, got {MetricEveryBatches}");
        if (Stages.Count == 0) throw new ConfigException("curriculum.stages", "must list at least one stage");
        for (int i = 0; i < Stages.Count; i++) Stages[i].Validate($"curriculum.stages[{i}]");
    }
}

/// <summary>One curriculum stage as written in a train config.</summary>
public sealed record CurriculumStageConfig
{
    /// <summary>Label in logs and files; default "stage I".</summary>
    public string? Name { get; init; }
    /// <summary>Task of this stage; default the run's task. It must have the run task's inputs and outputs.</summary>
    public string? Task { get; init; }
    /// <summary>Options of the stage's task. For the run's own task they are merged key by key over the run's
    /// task_options, so a stage names only what differs (e.g. "coherences").</summary>
    public JsonElement? TaskOptions { get; init; }
    /// <summary>The metric the threshold applies to: the task's own (default) or "rmse".</summary>
    public string? Metric { get; init; }
    /// <summary>Advance when metric ≥ threshold (≤ for rmse); PsychRNN's default 0.9.</summary>
    public double Threshold { get; init; } = 0.9;

    public void Validate(string field)
    {
        if (!double.IsFinite(Threshold)) throw new ConfigException($"{field}.threshold", $"must be finite, got {Threshold}");
        if (TaskOptions is { ValueKind: not JsonValueKind.Object })
            throw new ConfigException($"{field}.task_options", "must be a JSON object of the task's options");
        if (Task is not null && string.IsNullOrWhiteSpace(Task)) throw new ConfigException($"{field}.task", "must be a task name or left out");
    }
}
