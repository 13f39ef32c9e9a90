using System.ComponentModel;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Files;

// The task-file format (docs/task-files.md): plain immutable records read by JsonConfig (snake_case keys,
// unknown keys rejected). Optional keys are nullable; FileTaskCompiler checks what the types cannot.

/// <summary>A declarative task (docs/task-files.md).</summary>
public sealed record TaskFileSpec
{
    [Description("format tag, must be \"eirnn-task/1\"")]
    public required string Format { get; init; }
    [Description("task name; the task is registered as file:<name> (docs/task-files.md#naming)")]
    public required string Name { get; init; }
    public string? Summary { get; init; }
    [Description("input channel names, in order")]
    public required IReadOnlyList<string> Inputs { get; init; }
    [Description("output names, in order")]
    public required IReadOnlyList<string> Outputs { get; init; }
    [Description("whether every input is non-negative by construction (default true; false with noise)")]
    public bool? InputsNonNegative { get; init; }
    [Description("named numbers a train config's task_options may set")]
    public IReadOnlyList<TaskFileParameter>? Parameters { get; init; }
    [Description("condition factors and tables, in draw order")]
    public IReadOnlyList<TaskFileFactor>? Factors { get; init; }
    [Description("factors a condition may leave open; drawn when the trial is built")]
    public IReadOnlyList<string>? Labels { get; init; }
    [Description("typed condition columns of the trials table (a final bool column catch is added)")]
    public IReadOnlyList<TaskFileColumn>? Columns { get; init; }
    [Description("the correct output of a trial")]
    public TaskFileChoice? Choice { get; init; }
    public TaskFileTestSet? Test { get; init; }
    public TaskFileCatch? Catch { get; init; }
    public required TaskFileTiming Timing { get; init; }
    public required IReadOnlyList<TaskFilePeriod> Periods { get; init; }
    public TaskFileNoise? Noise { get; init; }
    public required TaskFileScoring Scoring { get; init; }
    public required TaskFileCriterion Criterion { get; init; }
    public required TaskFileNetwork Network { get; init; }
    [Description("what the trials carry, for analysis: the TaskCapabilities record (docs/task-files.md#capabilities); default none")]
    public TaskCapabilities? Capabilities { get; init; }
}

public sealed record TaskFileParameter
{
    public required string Name { get; init; }
    public required double Default { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string? Description { get; init; }
}

/// <summary>A factor (<c>values</c>) or a table (<c>columns</c> and <c>rows</c>, drawn as one row index).</summary>
public sealed record TaskFileFactor
{
    public required string Name { get; init; }
    public IReadOnlyList<double>? Values { get; init; }
    public IReadOnlyList<string>? Columns { get; init; }
    public IReadOnlyList<IReadOnlyList<double>>? Rows { get; init; }
    [Description("training draw probabilities, numbers or expressions in the parameters (default uniform); must sum to 1")]
    public IReadOnlyList<TaskNumber>? Probabilities { get; init; }
}

public enum TaskFileColumnType { Int32, Double, Bool }

public sealed record TaskFileColumn
{
    public required string Name { get; init; }
    public required TaskFileColumnType Type { get; init; }
    [Description("expression over factors, table columns and parameters")]
    public TaskNumber? Value { get; init; }
    [Description("the drawn duration of this period (ms) instead of a value")]
    public string? Duration { get; init; }
    public string? Description { get; init; }
}

public sealed record TaskFileChoice
{
    public required TaskNumber Value { get; init; }
    [Description("the choice is defined only where this is non-zero (e.g. coherence_code != 0)")]
    public TaskNumber? When { get; init; }
}

public sealed record TaskFileTestSet
{
    [Description("the full grid of the factors, column-major (default true)")]
    public bool? Grid { get; init; }
    [Description("further conditions: factor -> value (a table -> row index); labels may be left out")]
    public IReadOnlyList<IReadOnlyDictionary<string, double>>? Extra { get; init; }
}

public sealed record TaskFileCatch
{
    public required TaskNumber Probability { get; init; }
    public required TaskNumber DurationMs { get; init; }
    public string? Period { get; init; }
    [Description("target per output name")]
    public IReadOnlyDictionary<string, TaskNumber>? Targets { get; init; }
    public TaskNumber? Mask { get; init; }
}

public enum TaskFileGrid { Pycog, Psychrnn }

public sealed record TaskFileTiming
{
    public required TaskFileGrid Grid { get; init; }
    [Description("floor drawn durations to a multiple of dt")]
    public bool? FloorDrawn { get; init; }
    [Description("fixed trial length; the last period fills the rest")]
    public TaskNumber? TrialMs { get; init; }
}

/// <summary>One of fixed, uniform [lo, hi), choice from a list, truncated exponential, or rest (the last period).</summary>
public sealed record TaskFileDuration
{
    public TaskNumber? Fixed { get; init; }
    public IReadOnlyList<TaskNumber>? Uniform { get; init; }
    public IReadOnlyList<TaskNumber>? Choice { get; init; }
    public TaskFileExponential? Exponential { get; init; }
    public bool? Rest { get; init; }
}

public sealed record TaskFileExponential
{
    public required TaskNumber Mean { get; init; }
    public required TaskNumber Min { get; init; }
    public required TaskNumber Max { get; init; }
}

public sealed record TaskFileTargets
{
    [Description("target per output name")]
    public IReadOnlyDictionary<string, TaskNumber>? Values { get; init; }
    [Description("target of the correct output (with other)")]
    public TaskNumber? Correct { get; init; }
    public TaskNumber? Other { get; init; }
}

public sealed record TaskFileWindow
{
    public required TaskNumber StartOffsetMs { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<TaskNumber>>? Inputs { get; init; }
    public TaskFileTargets? Targets { get; init; }
    public TaskNumber? Mask { get; init; }
}

public sealed record TaskFilePeriod
{
    public required string Name { get; init; }
    public required TaskFileDuration Duration { get; init; }
    public TaskFileDuration? TestDuration { get; init; }
    [Description("psychrnn grid: t = start belongs to the period (default true)")]
    public bool? StartInclusive { get; init; }
    [Description("psychrnn grid: t = end belongs to the period (default false)")]
    public bool? EndInclusive { get; init; }
    [Description("input channel -> terms summed in order")]
    public IReadOnlyDictionary<string, IReadOnlyList<TaskNumber>>? Inputs { get; init; }
    public TaskFileTargets? Targets { get; init; }
    public TaskNumber? Mask { get; init; }
    public IReadOnlyList<TaskFileWindow>? Windows { get; init; }
}

public sealed record TaskFileNoise
{
    [Description("per-step std of the task's input noise, an expression in dt and parameters")]
    public required TaskNumber Std { get; init; }
}

public enum TaskFileChoiceRule { TrialEnd, PeriodEnd, MaskedMeanArgmax, Threshold }

public sealed record TaskFileScoring
{
    public required TaskFileChoiceRule Choice { get; init; }
    [Description("period-end: the period; threshold: the period whose start is the RT origin")]
    public string? Period { get; init; }
    public double? Threshold { get; init; }
    [Description("choice rule of the validation metric (default: choice)")]
    public TaskFileChoiceRule? ValidationChoice { get; init; }
}

public enum TaskFileMetric { PercentCorrect, Accuracy }

public sealed record TaskFileCriterion
{
    public required TaskFileMetric Metric { get; init; }
    public required double Threshold { get; init; }
    public required int Window { get; init; }
    public required bool Strict { get; init; }
}

public sealed record TaskFileNetwork
{
    public required Preset Preset { get; init; }
    public required int N { get; init; }
    public double? ExcitatoryFraction { get; init; }
    public bool? Dale { get; init; }
    public double? TauMs { get; init; }
    public required double DtMs { get; init; }
    public double? SigmaIn { get; init; }
    public double? SigmaRec { get; init; }
    public required int BatchSize { get; init; }
    public required int ValidationTrials { get; init; }
}
