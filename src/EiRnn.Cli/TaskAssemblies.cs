using System.CommandLine;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;
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
        var training = ModelReader.Read(modelPath).Network.Training;
        return name == training.Task
            ? registry.Create(name, training.TaskOptions, "eirnn.training.task_options")
            : registry.Create(name);
    };
}
