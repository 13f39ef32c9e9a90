using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Options;

/// <summary>One option of a task as `eirnn tasks` lists it: snake_case key, JSON type, default, meaning.</summary>
public sealed record TaskOptionInfo(string Key, string Type, string DefaultJson, string Description);

/// <summary>
/// A registered task: its name, where it comes from, and how to build it from typed options. Options arrive as
/// JSON (a config's task_options), are parsed into the task's own options record — a plain record with a
/// parameterless constructor whose properties are the options — with unknown keys rejected, and the task's
/// constructor validates them; every error names the field under the given path (e.g. task_options.n_in).
/// Tasks without options use <see cref="NoTaskOptions"/>.
/// </summary>
public sealed class TaskDefinition
{
    private readonly Func<object, ICognitiveTask> _create;
    private ITaskOptionsCodec? _codec;

    private TaskDefinition(string name, Type optionsType, Func<object, ICognitiveTask> create, string origin)
    {
        Name = name;
        OptionsType = optionsType;
        _create = create;
        Origin = origin;
    }

    public string Name { get; }
    /// <summary>"built-in" or the path of the assembly the task was loaded from.</summary>
    public string Origin { get; }
    public Type OptionsType { get; }

    /// <summary>A task built from an options record <typeparamref name="TOptions"/>.</summary>
    public static TaskDefinition Of<TOptions>(string name, Func<TOptions, ICognitiveTask> create, string origin = "built-in")
        where TOptions : class, new() =>
        new(name, typeof(TOptions), o => create((TOptions)o), origin);

    /// <summary>A task without options.</summary>
    public static TaskDefinition Of(string name, Func<ICognitiveTask> create, string origin = "built-in") =>
        new(name, typeof(NoTaskOptions), _ => create(), origin);

    /// <summary>A task whose options record is only known at run time (tasks loaded from user assemblies).</summary>
    internal static TaskDefinition OfType(string name, Type optionsType, Func<object, ICognitiveTask> create, string origin) =>
        new(name, optionsType, create, origin);

    /// <summary>A task whose options are not a record type (task files' named parameters, docs/task-files.md#parameters).</summary>
    internal static TaskDefinition OfCodec(string name, ITaskOptionsCodec codec, Func<object, ICognitiveTask> create, string origin) =>
        new(name, typeof(object), create, origin) { _codec = codec };

    /// <summary>Parses and validates <paramref name="options"/> (null = all defaults) and builds the task.</summary>
    public ICognitiveTask Create(JsonElement? options = null, string field = "task_options") =>
        Build(Parse(options, field), field);

    /// <summary>The complete options (every key, defaults filled in) as JSON, after the same checks as <see cref="Create"/>.</summary>
    public JsonElement Normalise(JsonElement? options, string field = "task_options")
    {
        var parsed = Parse(options, field);
        Build(parsed, field);
        if (_codec is not null) return _codec.Serialise(parsed);
        return JsonSerializer.SerializeToElement(parsed, OptionsType, JsonConfig.Options);
    }

    /// <summary>The options with their defaults, in declaration order.</summary>
    public IReadOnlyList<TaskOptionInfo> Options()
    {
        if (_codec is not null) return _codec.Options();
        var defaults = JsonSerializer.SerializeToElement(Activator.CreateInstance(OptionsType)!, OptionsType, JsonConfig.Options);
        return OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .Select(p =>
            {
                string key = JsonConfig.Options.PropertyNamingPolicy!.ConvertName(p.Name);
                string value = defaults.TryGetProperty(key, out var v) ? v.GetRawText() : "null";
                return new TaskOptionInfo(key, JsonTypeName(p.PropertyType), value, p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "");
            })
            .ToArray();
    }

    private object Parse(JsonElement? options, string field)
    {
        if (_codec is not null) return _codec.Parse(options, field);
        if (options is null || options.Value.ValueKind == JsonValueKind.Null) return Activator.CreateInstance(OptionsType)!;
        if (options.Value.ValueKind != JsonValueKind.Object) throw new ConfigException(field, $"must be a JSON object of {Name}'s options");
        try { return JsonConfig.Parse(options.Value.GetRawText(), OptionsType); }
        catch (ConfigException e) { throw e.Under($"{field}.{e.Field}"); }
    }

    private ICognitiveTask Build(object options, string field)
    {
        try { return _create(options); }
        catch (ConfigException e) { throw e.Under($"{field}.{e.Field}"); }
        catch (TargetInvocationException e) when (e.InnerException is ConfigException c)
        {
            throw c.Under($"{field}.{c.Field}");
        }
    }

    private static string JsonTypeName(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(bool)) return "bool";
        if (t == typeof(int) || t == typeof(long)) return "integer";
        if (t == typeof(double) || t == typeof(float)) return "number";
        if (t == typeof(string)) return "string";
        if (t.IsEnum) return "string";
        if (t.IsArray || (t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))) return "list";
        return "object";
    }
}

/// <summary>Options that are not a record type: parsed (errors name field.key), written back complete, listed.</summary>
internal interface ITaskOptionsCodec
{
    object Parse(JsonElement? options, string field);
    JsonElement Serialise(object options);
    IReadOnlyList<TaskOptionInfo> Options();
}

/// <summary>The options record of a task that has none: any key is unknown.</summary>
public sealed record NoTaskOptions;
