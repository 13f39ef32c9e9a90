namespace EiRnn.Core.Errors;

/// <summary>
/// Root of the one exception family every stage throws for a user-facing problem (bad input, bad file,
/// unreachable device). The CLI maps it to exit code 2 and prints <see cref="Exception.Message"/> alone.
/// Anything else that escapes is a bug (exit 1).
/// </summary>
public abstract class EiRnnException : Exception
{
    protected EiRnnException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A configuration value is missing, unknown or out of range. The message names the field.</summary>
public sealed class ConfigException : EiRnnException
{
    public ConfigException(string field, string problem, Exception? inner = null)
        : base($"config: '{field}' {problem}", inner) => (Field, Problem) = (field, problem);

    public string Field { get; }

    /// <summary>The message without the field (to re-raise it under a longer path, e.g. task_options.x).</summary>
    public string Problem { get; }
}

/// <summary>A task cannot produce what was asked (unknown task, bad condition, impossible timing).</summary>
public sealed class TaskException(string message, Exception? inner = null) : EiRnnException(message, inner);

/// <summary>Training failed in a way the user must act on (diverged, unreadable checkpoint).</summary>
public sealed class TrainingException(string message, Exception? inner = null) : EiRnnException(message, inner);

/// <summary>An ONNX file does not follow the model contract, or a network cannot be exported.</summary>
public sealed class ModelFileException(string message, Exception? inner = null) : EiRnnException(message, inner);

/// <summary>Simulation cannot run as asked (device missing, sweep spec inconsistent with the model).</summary>
public sealed class SimulationException(string message, Exception? inner = null) : EiRnnException(message, inner);

/// <summary>A dataset folder is missing, corrupt or inconsistent with its manifest.</summary>
public sealed class DatasetException(string message, Exception? inner = null) : EiRnnException(message, inner);

/// <summary>An analysis cannot be computed from the data given.</summary>
public sealed class AnalysisException(string message, Exception? inner = null) : EiRnnException(message, inner);
