using System.CommandLine;
using EiRnn.Core.Network;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Files;
using EiRnn.Tasks.Plugins;

namespace EiRnn.Cli;

/// <summary>`--task-assembly`: user tasks (README.md#custom-tasks) next to the built-in ones, for every verb that
/// builds tasks; and the task of a model file with the options it was trained with.</summary>
internal static class TaskAssemblies
{
    public static Option<string[]> Option() => new("--task-assembly")
    {
        Description = "A .NET assembly (.dll) with your own tasks (classes implementing ICognitiveTask); repeat for several.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>`--task-file FILE`: a declarative task (docs/task-files.md), used instead of --task NAME.</summary>
    public static Option<string?> FileOption() => new("--task-file")
    {
        Description = "A task file (JSON, docs/task-files.md) to use instead of --task NAME; the task is named file:<name>.",
    };

    /// <summary>Registers the task of --task-file (if given) and returns its name (file:&lt;name&gt;), else null.
    /// Giving both --task and --task-file is an error.</summary>
    public static string? RegisterFile(ParseResult parse, Option<string?> fileOption, TaskRegistry registry, string? taskName)
    {
        string? path = parse.GetValue(fileOption);
        if (path is null) return null;
        string name = TaskFiles.Register(registry, TaskFiles.ReadText(path), Path.GetFullPath(path));
        if (taskName is not null && taskName != name)
            throw new Core.Errors.ConfigException("task", $"give --task or --task-file, not both (--task {taskName}, --task-file {path} is {name})");
        return name;
    }

    /// <summary>
    /// `train --resume`: a run trained on a task file carries the file in its checkpoint (docs/task-files.md#models), so its
    /// task is registered from there and the original file is not needed. A --task-file whose text differs from the
    /// embedded one is an error (exit 2): the run would continue on another task. Returns the embedded task's name, or
    /// null when the checkpoint has no task file (or does not exist: the training run reports that).
    /// </summary>
    public static string? RegisterCheckpointTaskFile(ParseResult parse, Option<string?> fileOption, TaskRegistry registry, string lastCheckpoint)
    {
        if (!Core.Checkpoints.Checkpoint.Exists(lastCheckpoint)) return null;
        if (Core.Checkpoints.Checkpoint.ReadHeader(lastCheckpoint).Record.TaskFile is not { } embedded) return null;
        if (parse.GetValue(fileOption) is { } path && TaskFiles.ReadText(path) != embedded)
            throw new Core.Errors.ConfigException("task-file", $"{path} differs from the task file embedded in {lastCheckpoint}, " +
                                                               "so the run would continue on another task; resume without --task-file (the embedded copy is used)");
        return TaskFiles.Register(registry, embedded, $"{lastCheckpoint} (task_file)");
    }

    /// <summary>The built-in tasks plus those of the given assemblies (errors exit 2 naming the file).</summary>
    public static TaskRegistry Registry(ParseResult parse, Option<string[]> option)
    {
        var registry = TaskRegistry.BuiltIn();
        TaskAssemblyLoader.RegisterAll(registry, parse.GetValue(option) ?? []);
        return registry;
    }

    /// <summary>
    /// Builds tasks by name for simulating <paramref name="modelPath"/>: the model's own task gets the
    /// task_options recorded in its eirnn.training metadata (e.g. match-to-category with 8 inputs), any other
    /// task its defaults. The model is read only when a task is asked for (after the request is validated).
    /// </summary>
    public static Func<string, ICognitiveTask> ForModel(TaskRegistry registry, string modelPath) => name =>
    {
        var training = RegisterModelTaskFile(registry, modelPath);
        return name == training.Task
            ? registry.Create(name, training.TaskOptions, "eirnn.training.task_options")
            : registry.Create(name);
    };

    /// <summary>
    /// A model trained (or imported) on a task file carries the file (docs/task-files.md#models): registers its task so
    /// no file is needed. Returns the model's training record.
    /// </summary>
    public static TrainingRecord RegisterModelTaskFile(TaskRegistry registry, string modelPath)
    {
        var training = ModelReader.Read(modelPath).Network.Training;
        if (training.TaskFile is { } text) TaskFiles.Register(registry, text, $"{modelPath} (eirnn.training.task_file)");
        return training;
    }
}
