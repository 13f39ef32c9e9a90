using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Options;

namespace EiRnn.Tasks.Files;

/// <summary>
/// Reading task files (docs/task-files.md): parse and check a file, build its task, register it. A file task is
/// named <c>file:&lt;name&gt;</c> (docs/task-files.md#naming), so it can never take a built-in's or a plug-in's name
/// (those have no colon).
/// </summary>
public static class TaskFiles
{
    public const string Prefix = "file:";

    public static bool IsFileTaskName(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses a task file's text; every problem is one <see cref="ConfigException"/> naming the key path.</summary>
    public static TaskFileSpec Parse(string json, string source = "task file")
    {
        var spec = Read(json, source);
        CompiledTaskFile.Compile(spec, json, source, null); // checks everything with the default parameters
        return spec;
    }

    /// <summary>The JSON layer's parse; a missing required key is named with its object's path
    /// (e.g. periods[0].name, not name).</summary>
    private static TaskFileSpec Read(string json, string source)
    {
        try { return JsonConfig.Parse<TaskFileSpec>(json, source); }
        catch (ConfigException e) when (e.InnerException is JsonException { Path: { Length: > 1 } path }
                                        && e.Problem.StartsWith("is missing required key", StringComparison.Ordinal))
        {
            string parent = path.TrimStart('$', '.');
            if (parent.Length == 0 || e.Field.StartsWith(parent, StringComparison.Ordinal)) throw;
            throw new ConfigException($"{parent}.{e.Field}", e.Problem, e);
        }
    }

    /// <summary>Reads <paramref name="path"/> (missing or unreadable: a ConfigException naming the path).</summary>
    public static string ReadText(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, "does not exist (--task-file)");
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ConfigException(path, $"cannot be read: {e.Message}", e); }
    }

    /// <summary>The task of a file's text with the given parameter values (null = defaults).</summary>
    public static FileTask Create(string json, string source = "task file", IReadOnlyDictionary<string, double>? parameters = null)
    {
        var spec = Read(json, source);
        var compiled = CompiledTaskFile.Compile(spec, json, source, parameters);
        return compiled.VariableLength ? new BoundedFileTask(compiled) : new FileTask(compiled);
    }

    /// <summary>The registry entry of a task file: name file:&lt;name&gt;, options = its named parameters.</summary>
    public static TaskDefinition Definition(string json, string source = "task file")
    {
        var spec = Parse(json, source);
        var defaults = Create(json, source);
        var codec = new ParameterCodec(spec, defaults.Parameters);
        return TaskDefinition.OfCodec(Prefix + spec.Name, codec,
            o => Create(json, source, (IReadOnlyDictionary<string, double>)o), source);
    }

    /// <summary>Registers the task of a file in <paramref name="registry"/> and returns its name. Registering the
    /// same text twice is a no-op; another file with the same name is an error.</summary>
    public static string Register(TaskRegistry registry, string json, string source = "task file")
    {
        var definition = Definition(json, source);
        if (registry.Names.Contains(definition.Name))
        {
            if (registry.Create(definition.Name) is FileTask existing && existing.SourceJson == json) return definition.Name;
        }
        registry.Register(definition);
        return definition.Name;
    }

    private sealed class ParameterCodec(TaskFileSpec spec, IReadOnlyDictionary<string, double> defaults) : ITaskOptionsCodec
    {
        public object Parse(JsonElement? options, string field)
        {
            var values = new Dictionary<string, double>(defaults, StringComparer.Ordinal);
            if (options is null || options.Value.ValueKind == JsonValueKind.Null) return values;
            if (options.Value.ValueKind != JsonValueKind.Object) throw new ConfigException(field, $"must be a JSON object of the parameters of file:{spec.Name}");
            foreach (var p in options.Value.EnumerateObject())
            {
                if (!defaults.ContainsKey(p.Name))
                    throw new ConfigException($"{field}.{p.Name}", $"is not a parameter of task file:{spec.Name} (parameters: {(defaults.Count == 0 ? "none" : string.Join(", ", defaults.Keys))})");
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double v))
                    throw new ConfigException($"{field}.{p.Name}", $"must be a number, got {p.Value.ValueKind.ToString().ToLowerInvariant()}");
                values[p.Name] = v;
            }
            return values;
        }

        public JsonElement Serialise(object options)
        {
            var o = new JsonObject();
            foreach (var (k, v) in (IReadOnlyDictionary<string, double>)options) o[k] = v;
            return JsonSerializer.SerializeToElement(o);
        }

        public IReadOnlyList<TaskOptionInfo> Options() =>
            (spec.Parameters ?? []).Select(p => new TaskOptionInfo(p.Name, "number", p.Default.ToString("R", CultureInfo.InvariantCulture), p.Description ?? "")).ToArray();
    }
}
