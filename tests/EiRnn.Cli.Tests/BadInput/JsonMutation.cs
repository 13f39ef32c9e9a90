using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EiRnn.Cli.Tests.BadInput;

/// <summary>One damaged copy of a valid JSON file: what was done, where, and the resulting text.</summary>
internal sealed record JsonMutation(string Kind, string Path, string Json)
{
    public override string ToString() => $"{Kind} at '{Path}'";
}

/// <summary>
/// Generates damaged copies of a valid JSON document systematically: for every key path (and the first two
/// elements of every list) the value set to null, to two values of another type, and (for numbers) out of
/// range; every key written twice; an unknown sibling added to every object.
/// </summary>
internal static class JsonMutations
{
    public static IEnumerable<JsonMutation> Of(string validJson, Func<string, double[]>? outOfRange = null)
    {
        var root = JsonNode.Parse(validJson, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        foreach (var (path, node, parent) in Walk(root, "", null))
        {
            // A null written where the valid file already has one would not be damage.
            if (node is not null) yield return new("null", path, Replace(root, path, null));
            foreach (var wrong in WrongTypes(node)) yield return new($"wrong type {Kind(wrong)}", path, Replace(root, path, wrong));
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && outOfRange is not null)
                foreach (double bad in outOfRange(path)) yield return new($"out of range {bad}", path, Replace(root, path, JsonValue.Create(bad)));
            if (parent is JsonObject)
            {
                yield return new("duplicate", path, Render(root, duplicate: path));
                string unknown = KeyOf(path) + "_unknown";
                yield return new("unknown sibling", Sibling(path, unknown), Render(root, extraKey: (ParentPath(path), unknown)));
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode? Node, JsonNode? Parent)> Walk(JsonNode? node, string path, JsonNode? parent)
    {
        if (path.Length > 0) yield return (path, node, parent);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    foreach (var x in Walk(child, path.Length == 0 ? key : $"{path}.{key}", o)) yield return x;
                break;
            case JsonArray a:
                for (int i = 0; i < Math.Min(2, a.Count); i++)
                    foreach (var x in Walk(a[i], $"{path}[{i}]", a)) yield return x;
                break;
        }
    }

    private static IEnumerable<JsonNode> WrongTypes(JsonNode? node) => node switch
    {
        JsonObject => [new JsonArray(1), JsonValue.Create("text")],
        JsonArray => [new JsonObject(), JsonValue.Create("text")],
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => [JsonValue.Create("12"), new JsonObject()],
            JsonValueKind.String => [JsonValue.Create(12), new JsonArray()],
            JsonValueKind.True or JsonValueKind.False => [JsonValue.Create("true"), JsonValue.Create(1)],
            _ => [],
        },
        _ => [JsonValue.Create("text"), new JsonObject()],   // a null made into something else
    };

    private static string Kind(JsonNode n) => n switch { JsonObject => "object", JsonArray => "list", _ => n.GetValueKind().ToString().ToLowerInvariant() };

    private static string Replace(JsonNode root, string path, JsonNode? value)
    {
        var copy = root.DeepClone();
        var (parent, key, index) = Locate(copy, path);
        if (key is not null) ((JsonObject)parent)[key] = value;
        else ((JsonArray)parent)[index] = value;
        return copy.ToJsonString();
    }

    private static (JsonNode Parent, string? Key, int Index) Locate(JsonNode root, string path)
    {
        JsonNode current = root;
        var segments = Segments(path).ToList();
        for (int s = 0; s < segments.Count - 1; s++)
            current = segments[s].Key is { } k ? current[k]! : current[segments[s].Index]!;
        var last = segments[^1];
        return (current, last.Key, last.Index);
    }

    private static IEnumerable<(string? Key, int Index)> Segments(string path)
    {
        foreach (string part in path.Split('.'))
        {
            int b = part.IndexOf('[');
            if (b != 0) yield return (b < 0 ? part : part[..b], -1);
            for (int i = b; i >= 0 && i < part.Length; i = part.IndexOf('[', i + 1))
                yield return (null, int.Parse(part[(i + 1)..part.IndexOf(']', i)], CultureInfo.InvariantCulture));
        }
    }

    private static string KeyOf(string path) => Segments(path).Last().Key!;

    private static string ParentPath(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static string Sibling(string path, string key) => ParentPath(path) is { Length: > 0 } p ? $"{p}.{key}" : key;

    /// <summary>Writes the tree, writing the member at <paramref name="duplicate"/> twice or adding a key
    /// to the object at a path (JsonNode cannot hold either).</summary>
    private static string Render(JsonNode root, string? duplicate = null, (string Parent, string Key)? extraKey = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
            Write(w, root, "", duplicate, extraKey);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, JsonNode? node, string path, string? duplicate, (string Parent, string Key)? extraKey)
    {
        switch (node)
        {
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (key, child) in o)
                {
                    string childPath = path.Length == 0 ? key : $"{path}.{key}";
                    int times = childPath == duplicate ? 2 : 1;
                    for (int t = 0; t < times; t++)
                    {
                        w.WritePropertyName(key);
                        Write(w, child, childPath, duplicate, extraKey);
                    }
                }
                if (extraKey is { } extra && extra.Parent == path)
                {
                    w.WritePropertyName(extra.Key);
                    w.WriteNumberValue(1);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                for (int i = 0; i < a.Count; i++) Write(w, a[i], $"{path}[{i}]", duplicate, extraKey);
                w.WriteEndArray();
                break;
            case null:
                w.WriteNullValue();
                break;
            default:
                node.WriteTo(w);
                break;
        }
    }
}
