using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;

namespace EiRnn.Core.Config;

/// <summary>
/// The one strict JSON layer of every file the program reads (train, pipeline and sweep configs, dataset
/// manifests, summaries, checkpoint headers, model metadata, task options): snake_case keys, comments and
/// trailing commas allowed, enums as kebab-case strings. Rejected, each as one <see cref="ConfigException"/>
/// naming the key path and the file (docs/errors.md#strict-json): a key written twice, an unknown key, a null
/// where the record's property is not nullable (also inside lists), a value of the wrong type, broken syntax.
/// Ranges are checked by the records' own Validate methods; <see cref="Load{T}(string, Func{T, T})"/> adds the
/// file to their messages.
/// </summary>
public static class JsonConfig
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact form, for values embedded in other files (ONNX metadata).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>For reading the few keys one needs from another stage's file (train-summary.json in a report):
    /// as strict as <see cref="Options"/> except that unknown keys are skipped.</summary>
    private static JsonSerializerOptions Subset { get; } = Create(indented: false, skipUnknownKeys: true);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    private static JsonSerializerOptions Create(bool indented, bool skipUnknownKeys = false)
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = skipUnknownKeys ? JsonUnmappedMemberHandling.Skip : JsonUnmappedMemberHandling.Disallow,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            RespectRequiredConstructorParameters = true,
            // A null for a property declared non-nullable is refused while deserialising; nulls inside
            // collections are found by NullElementCheck afterwards.
            RespectNullableAnnotations = true,
            AllowDuplicateProperties = false,
            // A block's type key (network.type) may stand anywhere in the block, as users write it.
            AllowOutOfOrderMetadataProperties = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Reads a JSON file; any problem becomes a one-line <see cref="ConfigException"/> (or
    /// <see cref="FileAccessException"/> when the file cannot be read).</summary>
    public static T Load<T>(string path) => Parse<T>(ReadFile(path), path);

    /// <summary>As <see cref="Load{T}(string)"/>, then <paramref name="validate"/> (a record's range check),
    /// whose <see cref="ConfigException"/> is made to name the file.</summary>
    public static T Load<T>(string path, Func<T, T> validate) => Validated(Load<T>(path), validate, path);

    /// <summary>Runs a range check; its <see cref="ConfigException"/> names <paramref name="source"/>.</summary>
    public static T Validated<T>(T value, Func<T, T> validate, string? source)
    {
        try { return validate(value); }
        catch (ConfigException e) when (source is not null) { throw e.WithFile(source); }
    }

    /// <summary>The text of a JSON file; a missing or unreadable file is a <see cref="FileAccessException"/>.</summary>
    public static string ReadFile(string path) => SafeFile.ReadAllText(path);

    public static T Parse<T>(string json, string? source = null) => (T)Parse(json, typeof(T), source);

    /// <summary>As <see cref="Parse{T}"/> but keys <typeparamref name="T"/> does not declare are skipped.</summary>
    public static T ParseSubset<T>(string json, string? source = null) => (T)Parse(json, typeof(T), source, Subset);

    /// <summary>As <see cref="Parse{T}"/> for a type known only at run time (a task's options record).</summary>
    /// <param name="source">The file the text came from, named in messages; null when the caller adds it.</param>
    public static object Parse(string json, Type type, string? source = null) => Parse(json, type, source, Options);

    /// <summary>A read-only JSON tree of any shape (model metadata), after the duplicate and syntax checks.</summary>
    public static JsonDocument ParseDocument(string json, string? source = null)
    {
        try
        {
            DuplicateKeyScan.Check(json);
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (ConfigException e) when (source is not null) { throw e.WithFile(source); }
    }

    private static object Parse(string json, Type type, string? source, JsonSerializerOptions options)
    {
        try
        {
            DuplicateKeyScan.Check(json);
            object value;
            try
            {
                value = JsonSerializer.Deserialize(json, type, options)
                        ?? throw new ConfigException(JsonKeyPath.Root, "is null; expected a JSON object");
            }
            catch (JsonException e)
            {
                throw Translate(e, json, type);
            }
            NullElementCheck.Check(value, options);
            return value;
        }
        catch (ConfigException e) when (source is not null) { throw e.WithFile(source); }
    }

    /// <summary>A JSON object as a mutable tree (to merge overrides), after the same duplicate and syntax checks.</summary>
    public static JsonObject ParseObject(string json, string? source = null)
    {
        try
        {
            DuplicateKeyScan.Check(json);
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                   ?? throw new ConfigException(JsonKeyPath.Root, "must be a JSON object");
        }
        catch (ConfigException e) when (source is not null) { throw e.WithFile(source); }
    }

    public static string Serialize<T>(T value, bool indented = true) =>
        JsonSerializer.Serialize(value, indented ? Options : Compact);

    private static ConfigException Translate(JsonException e, string json, Type root)
    {
        string msg = e.Message;
        string path = JsonKeyPath.FromSerializerPath(e.Path);
        if (msg.Contains("could not be mapped", StringComparison.Ordinal))
            return new ConfigException(UnknownKeyPath(msg, path), "is not a known key", e);
        if (msg.Contains("missing required properties", StringComparison.Ordinal))
        {
            // "... missing required properties including: 'task', 'seed'." names the first missing key by its path.
            int i = msg.IndexOf("including: '", StringComparison.Ordinal);
            int end = i >= 0 ? msg.IndexOf('\'', i + 12) : -1;
            string key = end > i ? msg[(i + 12)..end] : "";
            return key.Length == 0 ? new ConfigException(path, "is missing required keys", e)
                : new ConfigException(JsonKeyPath.Key(path, key), "is required but missing", e);
        }
        if (Polymorphic(root, e.Path) is var (block, discriminator, types)
            && (msg.Contains("discriminator", StringComparison.Ordinal) || msg.Contains("abstract types", StringComparison.Ordinal)))
            return new ConfigException(JsonKeyPath.Key(block, discriminator), $"must be one of {types}", e);
        if (msg.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return new ConfigException(path, "is written twice; give each key once", e);
        if (IsNullAt(json, e.Path) || msg.Contains("null values", StringComparison.Ordinal))
            return new ConfigException(path, "is null, which is not allowed", e);
        return new ConfigException(path, $"has the wrong type or value: {Expected(msg, TargetType(root, e.Path))}", e);
    }

    /// <summary>System.Text.Json names an unknown key with its parent's path; name the key itself.</summary>
    private static string UnknownKeyPath(string msg, string path)
    {
        int a = msg.IndexOf("property '", StringComparison.Ordinal);
        if (a < 0) return path;
        int b = msg.IndexOf('\'', a + 10);
        if (b <= a) return path;
        string key = msg[(a + 10)..b];
        // Depending on the reader position the path may or may not already end with the key.
        if (path == key || path.EndsWith("." + key, StringComparison.Ordinal)) return path;
        return JsonKeyPath.Key(path, key);
    }

    /// <summary>A short statement of what was expected, from System.Text.Json's message.</summary>
    private static string Expected(string msg, Type? target)
    {
        target = target is null ? null : Nullable.GetUnderlyingType(target) ?? target;
        if (target is { IsEnum: true })
        {
            var names = Enum.GetNames(target).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n));
            return $"expected one of {string.Join(", ", names)}";
        }
        const string converted = "could not be converted to ";
        int i = msg.IndexOf(converted, StringComparison.Ordinal);
        if (i >= 0)
        {
            string type = msg[(i + converted.Length)..].Split(' ')[0].TrimEnd('.');
            return type switch
            {
                "System.Int32" or "System.Int64" or "System.UInt64" or "System.UInt32" => "expected a whole number in range",
                "System.Double" or "System.Single" => "expected a number",
                "System.Boolean" => "expected true or false",
                "System.String" => "expected a string",
                _ when type.Contains("Nullable", StringComparison.Ordinal) => "expected a number, true/false or null as documented",
                _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "expected a list",
                _ when type.Contains("Dictionary", StringComparison.Ordinal) => "expected an object",
                _ => $"expected a value of type {type[(type.LastIndexOf('.') + 1)..]}",
            };
        }
        int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? msg[..cut] : msg).ReplaceLineEndings(" ").Trim();
    }

    /// <summary>The declared type at System.Text.Json path <paramref name="path"/> of a <paramref name="root"/>
    /// document, found through the serializer's own contract; null where the path leaves it.</summary>
    private static Type? TargetType(Type root, string? path)
    {
        Type? type = root;
        foreach (var (key, _) in JsonKeyPath.Segments(path))
        {
            if (type is null) return null;
            var info = Options.GetTypeInfo(type);
            type = key is null ? info.ElementType
                : info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Dictionary ? info.ElementType
                : info.Properties.FirstOrDefault(p => p.Name == key)?.PropertyType;
        }
        return type;
    }

    /// <summary>The polymorphic block (network) at <paramref name="path"/> or holding its discriminator: its key
    /// path, discriminator key and allowed type names, from the serializer's contract; null for any other value.</summary>
    private static (string Block, string Discriminator, string Types)? Polymorphic(Type root, string? path)
    {
        string? parent = path is null ? null : path[..Math.Max(0, path.LastIndexOf('.'))];
        foreach (var candidate in new[] { path, parent })
        {
            if (TargetType(root, candidate) is not { } type || Options.GetTypeInfo(type).PolymorphismOptions is not { } p) continue;
            var names = p.DerivedTypes.Select(d => d.TypeDiscriminator?.ToString());
            return (JsonKeyPath.FromSerializerPath(candidate), p.TypeDiscriminatorPropertyName, string.Join(", ", names));
        }
        return null;
    }

    /// <summary>Whether the value at System.Text.Json path <paramref name="path"/> is a JSON null (the
    /// deserialiser reports a null for an int as a conversion failure).</summary>
    private static bool IsNullAt(string json, string? path)
    {
        if (string.IsNullOrEmpty(path)) return false;
        JsonNode? node;
        try { node = JsonNode.Parse(json, documentOptions: DocumentOptions); }
        catch (JsonException) { return false; }
        foreach (var (key, index) in JsonKeyPath.Segments(path))
        {
            if (key is not null)
            {
                if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return false;
            }
            else if (node is JsonArray a && index < a.Count) node = a[index];
            else return false;
        }
        return node is null;
    }
}
