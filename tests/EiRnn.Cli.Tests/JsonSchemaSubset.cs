using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EiRnn.Cli.Tests;

/// <summary>
/// Checks a JSON document against the keywords the hand-written schemas in schemas/ use (type, properties, additionalProperties,
/// required, items, enum, minimum/maximum and their exclusive forms, $ref). A keyword outside that set is reported as an error,
/// so a schema that grows a new rule makes the check fail instead of passing it unread.
/// </summary>
internal static class JsonSchemaSubset
{
    /// <summary>Annotations that constrain nothing.</summary>
    private static readonly HashSet<string> Annotations = ["$schema", "title", "description", "default", "$defs", "examples"];

    private static readonly HashSet<string> Rules = ["type", "properties", "additionalProperties", "required", "items", "enum",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "$ref"];

    /// <summary>Every violation as "path: what", the path in the document's key spelling ("claims[3].measure.kind"); empty = valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode schemaRoot, JsonNode? document)
    {
        var errors = new List<string>();
        Check(schemaRoot, schemaRoot, document, "$", errors);
        return errors;
    }

    private static void Check(JsonNode root, JsonNode? schemaNode, JsonNode? value, string path, List<string> errors)
    {
        if (schemaNode is not JsonObject schema) return;
        foreach (var (key, _) in schema)
            if (!Annotations.Contains(key) && !Rules.Contains(key)) errors.Add($"{path}: schema keyword '{key}' is not supported by this check");
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            Check(root, reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (n, k) => n?[k]), value, path, errors);
        if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {Kind(value)}");
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number) CheckRange(schema, Number(v), path, errors);
        if (value is JsonObject obj) CheckObject(root, schema, obj, path, errors);
        if (value is JsonArray list && schema["items"] is { } items)
            for (int i = 0; i < list.Count; i++) Check(root, items, list[i], $"{path}[{i}]", errors);
    }

    private static void CheckObject(JsonNode root, JsonObject schema, JsonObject obj, string path, List<string> errors)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (string required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            if (!obj.ContainsKey(required)) errors.Add($"{path}.{required}: required key missing");
        foreach (var (key, child) in obj)
        {
            if (properties?[key] is { } propertySchema) Check(root, propertySchema, child, $"{path}.{key}", errors);
            else if (schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>()) errors.Add($"{path}.{key}: key not in the schema");
        }
    }

    private static void CheckRange(JsonObject schema, double x, string path, List<string> errors)
    {
        void Bound(string keyword, Func<double, bool> ok)
        {
            if (schema[keyword]?.GetValue<double>() is double b && !ok(b))
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {x} violates {keyword} {b}"));
        }
        Bound("minimum", b => x >= b);
        Bound("maximum", b => x <= b);
        Bound("exclusiveMinimum", b => x > b);
        Bound("exclusiveMaximum", b => x < b);
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && double.IsInteger(Number(i)),
        "null" => value is null,
        _ => throw new ArgumentException($"schema type '{type}' is not supported by this check", nameof(type)),
    };

    /// <summary>A number node's value, whether parsed (a JsonElement) or built in code (an int, a double).</summary>
    private static double Number(JsonValue v) => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Kind(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();
}
