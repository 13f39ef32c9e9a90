using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;
using EiRnn.Tasks.Options;

namespace EiRnn.Tasks;

/// <summary>
/// The tasks by name (docs/tasks.md#task-contract): the built-in ones, plus user tasks loaded from assemblies
/// (<see cref="Plugins.TaskAssemblyLoader"/>). Each name gives a <see cref="TaskDefinition"/> that builds the
/// task from its typed options, e.g. the Mante two-area network is "mante" with <c>{"areas": true}</c> and a
/// curriculum stage is "perceptual-discrimination" with <c>{"coherences": [0.7]}</c>.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, TaskDefinition> _definitions = new(StringComparer.Ordinal);

    public static TaskRegistry BuiltIn()
    {
        var r = new TaskRegistry();
        r.Register(TaskDefinition.Of(RdmFixedTask.TaskName, () => new RdmFixedTask()));
        r.Register(TaskDefinition.Of(RdmVariableTask.TaskName, () => new RdmVariableTask()));
        r.Register(TaskDefinition.Of(RdmReactionTimeTask.TaskName, () => new RdmReactionTimeTask()));
        r.Register(TaskDefinition.Of<ManteOptions>(ManteTask.TaskName, o => new ManteTask(o.Areas)));
        r.Register(TaskDefinition.Of<MultisensoryOptions>(MultisensoryTask.TaskName, o => new MultisensoryTask(o.ConnectStartCue)));
        r.Register(TaskDefinition.Of(RomoTask.TaskName, () => new RomoTask()));
        r.Register(TaskDefinition.Of(SequenceTask.TaskName, () => new SequenceTask()));
        r.Register(TaskDefinition.Of<PerceptualDiscriminationOptions>(PerceptualDiscriminationTask.TaskName,
            o => new PerceptualDiscriminationTask(o.Coherences, o.TrialMs)));
        r.Register(TaskDefinition.Of<DelayedDiscriminationOptions>(DelayedDiscriminationTask.TaskName,
            o => new DelayedDiscriminationTask(new DiscriminationTiming(o.OnsetMs, o.Stimulus1Ms, o.DelayMs, o.Stimulus2Ms, o.DecisionMs), o.TrialMs)));
        r.Register(TaskDefinition.Of<MatchToCategoryOptions>(MatchToCategoryTask.TaskName, o => new MatchToCategoryTask(o.NIn, o.NOut, o.TrialMs)));
        return r;
    }

    public void Register(TaskDefinition definition)
    {
        if (_definitions.TryGetValue(definition.Name, out var existing))
            throw new TaskException($"task '{definition.Name}' from {definition.Origin} clashes with the task of that name from {existing.Origin}; " +
                                    "rename it (task names must be unique)");
        _definitions.Add(definition.Name, definition);
    }

    public IReadOnlyList<string> Names => _definitions.Keys.ToArray();

    public TaskDefinition Definition(string name) =>
        _definitions.TryGetValue(name, out var d) ? d
            : throw new ConfigException("task", $"'{name}' is not a known task; known: {string.Join(", ", _definitions.Keys)}" +
                                                " (a task from your own assembly needs --task-assembly)");

    /// <summary>The task with its default options.</summary>
    public ICognitiveTask Create(string name) => Definition(name).Create();

    /// <summary>The task with the given options (null = defaults); errors name <paramref name="field"/>.key.</summary>
    public ICognitiveTask Create(string name, JsonElement? options, string field = "task_options") => Definition(name).Create(options, field);
}
