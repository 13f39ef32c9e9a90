using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks;

/// <summary>The built-in tasks by name (DESIGN.md), plus any user tasks registered at start-up.</summary>
public sealed class TaskRegistry
{
    private readonly Dictionary<string, Func<ICognitiveTask>> _factories = new(StringComparer.Ordinal);

    public static TaskRegistry BuiltIn()
    {
        var r = new TaskRegistry();
        r.Register(RdmFixedTask.TaskName, () => new RdmFixedTask());
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
