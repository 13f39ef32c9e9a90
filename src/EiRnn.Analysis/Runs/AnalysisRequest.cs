using System.Text.Json.Serialization;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Runs;

/// <summary>What `analyze` is asked to do; validated once at the edge (<see cref="Validated"/>).</summary>
public sealed record AnalysisRequest
{
    /// <summary>The dataset folder (manifest.json, trials/, timeseries/, units/).</summary>
    public required string DataDir { get; init; }
    /// <summary>Where index.html, the PNG figures and tables/*.parquet are written.</summary>
    public required string OutDir { get; init; }
    /// <summary>The model the dataset was simulated from (its SHA-256 must match the manifest); enables weight-based analyses.</summary>
    public string? ModelPath { get; init; }
    /// <summary>A `train` output folder (learning-curve.csv, train-summary.json) for the learning-curve figure.</summary>
    public string? TrainingDir { get; init; }
    /// <summary>Root of every analysis random stream (bootstraps, start points), recorded in the report.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Bootstrap resamples of every interval (docs/analysis.md#psychometric-function: 1,000).</summary>
    public int BootstrapResamples { get; init; } = 1000;
    /// <summary>Start points of the fixed-point search (docs/analysis.md#fixed-and-slow-points: at least 100).</summary>
    public int FixedPointStarts { get; init; } = 100;
    /// <summary>BFGS iteration limit of each fixed-point search that Newton's method does not finish (kept small: the search must stay cheap).</summary>
    public int FixedPointMaxIterations { get; init; } = 100;
    /// <summary>The task's capabilities when the manifest does not record them (schema versions before 3): the caller takes them
    /// from its task registry (docs/analysis.md#task-capabilities). Ignored when the manifest has them.</summary>
    [JsonIgnore]
    public TaskCapabilities? Capabilities { get; init; }
    /// <summary>Number of task inputs, for the report's model table when no model is given (the caller knows the task).</summary>
    [JsonIgnore]
    public int? TaskInputs { get; init; }
    /// <summary>Constant task inputs for the fixed-point search (docs/analysis.md#fixed-and-slow-points), built by the caller from the task;
    /// null or empty: no fixed points.</summary>
    [JsonIgnore]
    public IReadOnlyList<EpochInput>? FixedPointInputs { get; init; }

    public AnalysisRequest Validated()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) throw new ConfigException("data", "must name a dataset folder");
        if (string.IsNullOrWhiteSpace(OutDir)) throw new ConfigException("out", "must name an output folder");
        if (!Directory.Exists(DataDir)) throw new DatasetException($"dataset folder '{DataDir}' does not exist");
        if (!File.Exists(Path.Combine(DataDir, "manifest.json"))) throw new DatasetException($"'{DataDir}' is not a dataset (no manifest.json)");
        if (ModelPath is not null && !File.Exists(ModelPath)) throw new ModelFileException($"model file '{ModelPath}' does not exist");
        if (TrainingDir is not null && !Directory.Exists(TrainingDir)) throw new ConfigException("training", $"folder '{TrainingDir}' does not exist");
        if (BootstrapResamples is < 0 or > 100_000) throw new ConfigException("bootstrap_resamples", $"must be in [0, 100000], got {BootstrapResamples}");
        if (FixedPointStarts is < 1 or > 10_000) throw new ConfigException("fixed_point_starts", $"must be in [1, 10000], got {FixedPointStarts}");
        if (FixedPointMaxIterations is < 1 or > 100_000) throw new ConfigException("fixed_point_max_iterations", $"must be in [1, 100000], got {FixedPointMaxIterations}");
        return this;
    }
}
