using System.Reflection;
using System.Runtime.Loader;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Options;

namespace EiRnn.Tasks.Plugins;

/// <summary>
/// Loads user tasks from an assembly (`--task-assembly path.dll`). Every public, non-abstract class that
/// implements <see cref="ICognitiveTask"/> is a task; it needs a public constructor that takes either nothing
/// or one options record (a class with a public parameterless constructor, parsed from task_options like the
/// built-in tasks' options). Its name is the <see cref="TaskDescription.Name"/> of an instance built with
/// default options. Any problem — missing file, not an assembly, no task types, a constructor that does not
/// fit, a name that clashes — is a <see cref="TaskException"/> naming the file.
/// </summary>
public static class TaskAssemblyLoader
{
    /// <summary>Loads each assembly and registers its tasks.</summary>
    public static void RegisterAll(TaskRegistry registry, IEnumerable<string> assemblyPaths)
    {
        foreach (var path in assemblyPaths)
            foreach (var definition in Load(path)) registry.Register(definition);
    }

    /// <summary>The task definitions of one assembly file.</summary>
    public static IReadOnlyList<TaskDefinition> Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new TaskException($"--task-assembly: {path} does not exist");
        Assembly assembly;
        try
        {
            assembly = new TaskLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException e)
        {
            throw new TaskException($"--task-assembly: {path} is not a .NET assembly ({e.Message})", e);
        }
        catch (FileLoadException e)
        {
            throw new TaskException($"--task-assembly: {path} cannot be loaded ({e.Message})", e);
        }
        var types = PublicTypes(assembly, path)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICognitiveTask).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        if (types.Length == 0)
            throw new TaskException($"--task-assembly: {path} has no task types (public, non-abstract classes implementing " +
                                    $"{typeof(ICognitiveTask).FullName} from {typeof(ICognitiveTask).Assembly.GetName().Name} {typeof(ICognitiveTask).Assembly.GetName().Version})");
        return types.Select(t => Define(t, full, path)).ToArray();
    }

    private static Type[] PublicTypes(Assembly assembly, string path)
    {
        try { return assembly.GetExportedTypes(); }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new TaskException($"--task-assembly: the types of {path} cannot be loaded (a missing dependency, or built against " +
                                    $"another EiRnn.Tasks?): {e.Message}", e);
        }
    }

    private static TaskDefinition Define(Type type, string origin, string path)
    {
        var constructors = type.GetConstructors();
        var withOptions = constructors.FirstOrDefault(c => c.GetParameters() is [{ ParameterType: var p }] && IsOptionsRecord(p));
        Func<object, ICognitiveTask> create;
        Type optionsType;
        if (withOptions is not null)
        {
            optionsType = withOptions.GetParameters()[0].ParameterType;
            create = o => (ICognitiveTask)withOptions.Invoke([o]);
        }
        else if (constructors.FirstOrDefault(c => c.GetParameters().Length == 0) is { } plain)
        {
            optionsType = typeof(NoTaskOptions);
            create = _ => (ICognitiveTask)plain.Invoke([]);
        }
        else
        {
            throw new TaskException($"--task-assembly: task type {type.FullName} in {path} needs a public constructor taking nothing " +
                                    "or one options record (a class with a public parameterless constructor)");
        }
        ICognitiveTask sample;
        try { sample = create(Activator.CreateInstance(optionsType)!); }
        catch (TargetInvocationException e)
        {
            throw new TaskException($"--task-assembly: task type {type.FullName} in {path} cannot be built with its default options: " +
                                    $"{e.InnerException?.Message ?? e.Message}", e);
        }
        string name = sample.Description.Name;
        if (string.IsNullOrWhiteSpace(name)) throw new TaskException($"--task-assembly: task type {type.FullName} in {path} has an empty name");
        return TaskDefinition.OfType(name, optionsType, create, origin);
    }

    private static bool IsOptionsRecord(Type t) =>
        t.IsClass && !t.IsAbstract && t != typeof(string) && t.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>
    /// Loads the user's assembly and its own dependencies from its folder, but shares every assembly the
    /// host already has (EiRnn.Tasks, EiRnn.Core, the framework), so that its tasks implement the host's
    /// <see cref="ICognitiveTask"/> rather than a second copy of it.
    /// </summary>
    private sealed class TaskLoadContext(string mainAssemblyPath) : AssemblyLoadContext($"tasks:{Path.GetFileName(mainAssemblyPath)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

        protected override Assembly? Load(AssemblyName name)
        {
            if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()))) return null;
            try
            {
                // Let the host's probing find what it can (e.g. EiRnn.Core when not loaded yet).
                return Default.LoadFromAssemblyName(name);
            }
            catch (FileNotFoundException)
            {
                string? path = _resolver.ResolveAssemblyToPath(name);
                return path is null ? null : LoadFromAssemblyPath(path);
            }
        }
    }
}
