using System.Text.Json;
using System.Text.Json.Serialization;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>
/// The one JSON dialect of every config and metadata file: snake_case keys, comments and trailing commas
/// allowed, unknown keys rejected with their path, enums as kebab-case strings.
/// </summary>
public static class JsonConfig
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact form, for values embedded in other files (ONNX metadata).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            RespectRequiredConstructorParameters = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Reads a config file; any problem becomes a one-line <see cref="ConfigException"/>.</summary>
    public static T Load<T>(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, "does not exist");
        return Parse<T>(File.ReadAllText(path), path);
    }

    public static T Parse<T>(string json, string source = "config") => (T)Parse(json, typeof(T), source);

    /// <summary>As <see cref="Parse{T}"/> for a type known only at run time (a task's options record).</summary>
    public static object Parse(string json, Type type, string source = "config")
    {
        try
        {
            return JsonSerializer.Deserialize(json, type, Options)
                   ?? throw new ConfigException(source, "is empty (null)");
        }
        catch (JsonException e)
        {
            throw new ConfigException(FieldOf(e), Describe(e, source), e);
        }
    }

    public static string Serialize<T>(T value, bool indented = true) =>
        JsonSerializer.Serialize(value, indented ? Options : Compact);

    private static string FieldOf(JsonException e)
    {
        // System.Text.Json reports unknown keys as "The JSON property 'x' could not be mapped ..." with the
        // parent's path; name the key itself.
        string msg = e.Message;
        int req = msg.IndexOf("including: '", StringComparison.Ordinal);
        if (req >= 0)
        {
            int end = msg.IndexOf('\'', req + 12);
            if (end > req) return msg[(req + 12)..end];
        }
        int a = msg.IndexOf("property '", StringComparison.Ordinal);
        if (a >= 0)
        {
            int b = msg.IndexOf('\'', a + 10);
            if (b > a)
            {
                string key = msg[(a + 10)..b];
                string path = string.IsNullOrEmpty(e.Path) ? "" : e.Path.TrimStart('$', '.');
                // Depending on the reader position the path may or may not already end with the key.
                if (path == key || path.EndsWith("." + key, StringComparison.Ordinal)) return path;
                return path.Length == 0 ? key : path + "." + key;
            }
        }
        return string.IsNullOrEmpty(e.Path) ? "$" : e.Path.TrimStart('$', '.');
    }

    private static string Describe(JsonException e, string source)
    {
        string msg = e.Message;
        if (msg.Contains("could not be mapped", StringComparison.Ordinal)) return $"is not a known key (in {source})";
        if (msg.Contains("missing required properties", StringComparison.Ordinal))
        {
            int i = msg.IndexOf("including: ", StringComparison.Ordinal);
            string which = i >= 0 ? msg[(i + 11)..].TrimEnd('.') : "";
            return $"is missing required key(s) {which} (in {source})";
        }
        int cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        return $"has an invalid value (in {source}): {(cut > 0 ? msg[..cut] : msg)}";
    }
}
