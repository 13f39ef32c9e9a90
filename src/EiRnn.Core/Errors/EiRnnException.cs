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

/// <summary>
/// A configuration value is missing, unknown, null, duplicated, of the wrong type or out of range. The message
/// names the key path and, when known, the file: <c>config: 'perturbations[2]' is null, which is not allowed (in spec.json)</c>.
/// </summary>
public sealed class ConfigException : EiRnnException
{
    public ConfigException(string field, string problem, Exception? inner = null)
        : base($"config: '{field}' {problem}", inner) => (Field, Problem) = (field, problem);

    public string Field { get; }

    /// <summary>The message without the field (to re-raise it under a longer path, e.g. task_options.x).</summary>
    public string Problem { get; }

    /// <summary>The file (or other source) the value came from; null while the layer that knows it has not added it.</summary>
    public string? InFile { get; private init; }

    public override string Message => InFile is null ? base.Message : $"{base.Message} (in {InFile})";

    /// <summary>The same problem, naming <paramref name="file"/> unless a file is already named.</summary>
    public ConfigException WithFile(string file) =>
        InFile is not null ? this : new ConfigException(Field, Problem, InnerException) { InFile = file };

    /// <summary>The same problem under a longer key path (task_options.x), keeping the file.</summary>
    public ConfigException Under(string field) => new(field, Problem, this) { InFile = InFile };
}

/// <summary>
/// A file or folder cannot be read, written, created, renamed or deleted (missing, a folder where a file is
/// expected, no permission, disk full). The message names the operation and the path:
/// <c>cannot write 'runs/a/train-summary.json': No space left on device</c>. See docs/errors.md#the-io-boundary.
/// </summary>
public sealed class FileAccessException : EiRnnException
{
    public FileAccessException(string operation, string path, string reason, Exception? inner = null)
        : base($"cannot {operation} '{path}': {reason}", inner) => (Operation, Path) = (operation, path);

    /// <summary>read, write, create, rename, delete.</summary>
    public string Operation { get; }
    public string Path { get; }
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
