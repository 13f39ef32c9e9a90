using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks;

/// <summary>
/// The built-in tasks by name (DESIGN.md), plus any user tasks registered at start-up. Each name gives the
/// task with its default parameters; variants are built with the task's typed constructor, e.g. the Mante
/// two-area network is <c>new ManteTask(areas: true)</c> (name still "mante") and a curriculum stage is
/// <c>new PerceptualDiscriminationTask([0.7])</c>.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, Func<ICognitiveTask>> _factories = new(StringComparer.Ordinal);

    public static TaskRegistry BuiltIn()
    {
        var r = new TaskRegistry();
        r.Register(RdmFixedTask.TaskName, () => new RdmFixedTask());
        r.Register(RdmVariableTask.TaskName, () => new RdmVariableTask());
        r.Register(RdmReactionTimeTask.TaskName, () => new RdmReactionTimeTask());
        r.Register(ManteTask.TaskName, () => new ManteTask());
        r.Register(MultisensoryTask.TaskName, () => new MultisensoryTask());
        r.Register(RomoTask.TaskName, () => new RomoTask());
        r.Register(SequenceTask.TaskName, () => new SequenceTask());
        r.Register(PerceptualDiscriminationTask.TaskName, () => new PerceptualDiscriminationTask());
        r.Register(DelayedDiscriminationTask.TaskName, () => new DelayedDiscriminationTask());
        r.Register(MatchToCategoryTask.TaskName, () => new MatchToCategoryTask());
        return r;
    }

    public void Register(string name, Func<ICognitiveTask> factory)
    {
        if (!_factories.TryAdd(name, factory)) throw new TaskException($"task '{name}' is registered twice");
    }

    public IReadOnlyList<string> Names => _factories.Keys.ToArray();

    public ICognitiveTask Create(string name) =>
        _factories.TryGetValue(name, out var f) ? f()
            : throw new ConfigException("task", $"'{name}' is not a known task; known: {string.Join(", ", _factories.Keys)}");
}
