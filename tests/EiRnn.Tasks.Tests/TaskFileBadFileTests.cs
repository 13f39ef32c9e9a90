using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Files;

namespace EiRnn.Tasks.Tests;

/// <summary>
/// Bad task files (docs/task-files.md#errors), generated from the valid examples: wrong types, nulls, unknown and
/// missing keys, and semantic mistakes (empty periods, negative durations, unknown names, probabilities not summing
/// to 1). Each is rejected in-process with one ConfigException line naming the key path.
/// </summary>
[TestClass]
public sealed class TaskFileBadFileTests
{
    private sealed record Mutation(string Example, string What, string Path, string Json, bool MayBeValid);

    private static IEnumerable<string> ExampleNames() =>
        Directory.GetFiles(System.IO.Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks"), "*.json").Order(StringComparer.Ordinal);

    private static JsonNode Load(string file) =>
        JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    [TestMethod]
    public void StructuralMutationsOfEveryExampleAreRejectedNamingTheKey()
    {
        var mutations = new List<Mutation>();
        foreach (var file in ExampleNames())
        {
            var root = Load(file);
            Generate(System.IO.Path.GetFileName(file), root, root, "", typeof(TaskFileSpec), mutations);
        }
        int rejected = 0, accepted = 0;
        var failures = new List<string>();
        foreach (var m in mutations)
        {
            try
            {
                TaskFiles.Parse(m.Json, m.Example);
                if (m.MayBeValid) { accepted++; continue; }
                failures.Add($"{m.Example}: {m.What} at {m.Path}: accepted");
            }
            catch (ConfigException e)
            {
                rejected++;
                string field = e.Field;
                if (e.Message.Contains('\n')) failures.Add($"{m.Example}: {m.What} at {m.Path}: more than one line: {e.Message}");
                if (!e.Message.Contains(m.Example, StringComparison.Ordinal)) failures.Add($"{m.Example}: {m.What} at {m.Path}: the file is not named: {e.Message}");
                // null in an optional key means "absent": the error (if any) may then name the key that needed it.
                if (m.MayBeValid) continue;
                bool names = field == m.Path || m.Path.StartsWith(field + ".", StringComparison.Ordinal) || m.Path.StartsWith(field + "[", StringComparison.Ordinal)
                             || field.StartsWith(m.Path + ".", StringComparison.Ordinal) || field.StartsWith(m.Path + "[", StringComparison.Ordinal);
                if (!names || field is "" or "$") failures.Add($"{m.Example}: {m.What} at {m.Path}: error names '{field}': {e.Message}");
            }
            catch (Exception e) { failures.Add($"{m.Example}: {m.What} at {m.Path}: {e.GetType().Name}: {e.Message}"); }
        }
        Console.WriteLine($"{mutations.Count} structural mutations: {rejected} rejected, {accepted} accepted (null in an optional key = absent)");
        Assert.IsGreaterThanOrEqualTo(mutations.Count - mutations.Count(m => m.MayBeValid), rejected);
        Assert.IsGreaterThanOrEqualTo(500, rejected, "hundreds of bad files");
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(30)));
    }

    [TestMethod]
    [DataRow("rdm-fixed", "periods", "[]", "periods")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "fixed": -5 }""", "periods[1].duration.fixed")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "fixed": "0 - 800" }""", "periods[1].duration.fixed")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "uniform": [900, 800] }""", "periods[1].duration.uniform")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "uniform": [-1, 800] }""", "periods[1].duration.uniform[0]")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "exponential": { "mean": 0, "min": 80, "max": 1500 } }""", "periods[1].duration.exponential.mean")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "fixed": 800, "choice": [1, 2] }""", "periods[1].duration")]
    [DataRow("rdm-fixed", "periods[1].duration", """{ "rest": true }""", "periods[1].duration.rest")]
    [DataRow("rdm-fixed", "periods[1].name", "\"fixation\"", "periods[1].name")]
    [DataRow("rdm-fixed", "periods[1].inputs", """{ "evidence-choice1": ["nosuch_factor * 2"] }""", "periods[1].inputs.evidence-choice1[0]")]
    [DataRow("rdm-fixed", "periods[1].inputs", """{ "no-such-input": ["1"] }""", "periods[1].inputs.no-such-input")]
    [DataRow("rdm-fixed", "periods[1].inputs", """{ "evidence-choice1": ["(1 + 2"] }""", "periods[1].inputs.evidence-choice1[0]")]
    [DataRow("rdm-fixed", "periods[1].inputs", """{ "evidence-choice1": [] }""", "periods[1].inputs.evidence-choice1")]
    [DataRow("rdm-fixed", "periods[2].targets", """{ "values": { "choice3": 1 } }""", "periods[2].targets.values.choice3")]
    [DataRow("rdm-fixed", "periods[2].targets", """{ "correct": 1 }""", "periods[2].targets")]
    [DataRow("rdm-fixed", "labels", """["nosuch"]""", "labels[0]")]
    [DataRow("rdm-fixed", "test", """{ "extra": [ { "nosuch": 0 } ] }""", "test.extra[0].nosuch")]
    [DataRow("rdm-fixed", "test", """{ "extra": [ { "direction": 1 } ] }""", "test.extra[0].coherence_code")]
    [DataRow("rdm-fixed", "test", """{ "grid": false }""", "test")]
    [DataRow("rdm-fixed", "factors[1].probabilities", "[0.3, 0.3]", "factors[1].probabilities")]
    [DataRow("rdm-fixed", "factors[1].probabilities", "[0.5]", "factors[1].probabilities")]
    [DataRow("rdm-fixed", "factors[1].probabilities", "[1.5, -0.5]", "factors[1].probabilities[0]")]
    [DataRow("rdm-fixed", "factors[1].name", "\"coherence_code\"", "factors[1].name")]
    [DataRow("rdm-fixed", "factors[1].name", "\"dt\"", "factors[1].name")]
    [DataRow("rdm-fixed", "factors[1].values", "[]", "factors[1].values")]
    [DataRow("rdm-fixed", "columns[0].value", "\"unknown_factor\"", "columns[0].value")]
    [DataRow("rdm-fixed", "choice.value", "\"sqrt(\"", "choice.value")]
    [DataRow("rdm-fixed", "catch.probability", "1.5", "catch.probability")]
    [DataRow("rdm-fixed", "catch.targets", """{ "choice9": 0.2 }""", "catch.targets.choice9")]
    [DataRow("rdm-fixed", "format", "\"eirnn-task/2\"", "format")]
    [DataRow("rdm-fixed", "name", "\"has space\"", "name")]
    [DataRow("rdm-fixed", "inputs", """["a", "a"]""", "inputs[1]")]
    [DataRow("rdm-fixed", "outputs", "[]", "outputs")]
    [DataRow("rdm-fixed", "scoring", """{ "choice": "period-end", "period": "nosuch" }""", "scoring.period")]
    [DataRow("rdm-fixed", "scoring", """{ "choice": "threshold", "period": "stimulus" }""", "scoring.threshold")]
    [DataRow("rdm-fixed", "criterion.window", "0", "criterion.window")]
    [DataRow("rdm-fixed", "network.n", "1", "network.n")]
    [DataRow("rdm-fixed", "network.dt_ms", "-20", "network.dt_ms")]
    [DataRow("rdm-fixed", "timing", """{ "grid": "psychrnn" }""", "timing.trial_ms")]
    [DataRow("rdm-fixed", "periods[0].start_inclusive", "true", "periods[0].start_inclusive")]
    [DataRow("perceptual-discrimination", "noise.std", "\"0.1 * sqrt(step)\"", "noise.std")]
    [DataRow("perceptual-discrimination", "periods[2].duration", """{ "fixed": 100 }""", "periods[2].duration")]
    [DataRow("perceptual-discrimination", "parameters[0].name", "\"sqrt\"", "parameters[0].name")]
    [DataRow("perceptual-discrimination", "columns[3].duration", "\"nosuch\"", "columns[3].duration")]
    [DataRow("delayed-discrimination", "factors[0].rows[2]", "[26]", "factors[0].rows[2]")]
    [DataRow("delayed-discrimination", "factors[0].columns", "[\"f1\", \"f1\"]", "factors[0].columns[1]")]
    [DataRow("go-no-go", "factors[0].probabilities", """["go_probability", "0.6"]""", "factors[0].probabilities")]
    [DataRow("go-no-go", "parameters[0].default", "\"200\"", "parameters[0].default")]
    [DataRow("rdm-fixed", "capabilities.evidence.column", "\"nosuch\"", "capabilities.evidence.column")]
    [DataRow("rdm-fixed", "capabilities.catch_column", "\"coherence\"", "capabilities.catch_column")]
    [DataRow("rdm-fixed", "capabilities.evidence_periods", """["stimulus", "nosuch"]""", "capabilities.evidence_periods[1]")]
    [DataRow("delayed-discrimination", "capabilities.pairs.memory_period", "\"hold\"", "capabilities.pairs.memory_period")]
    [DataRow("go-no-go", "capabilities", """{ "evidence": { "name": "go", "column": "go", "label": "Go", "positive_choice_label": "Go (%)" } }""", "capabilities.evidence.column")]
    public void SemanticMistakeIsRejectedNamingTheKey(string example, string path, string valueJson, string expectedField)
    {
        var root = Load(System.IO.Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks", example + ".json"));
        Set(root, path, JsonNode.Parse(valueJson));
        var e = Assert.ThrowsExactly<ConfigException>(() => TaskFiles.Parse(root.ToJsonString(), example + ".json"));
        Assert.AreEqual(expectedField, e.Field, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [TestMethod]
    public void TheValidExamplesStillParse()
    {
        foreach (var file in ExampleNames()) TaskFiles.Parse(File.ReadAllText(file), file);
    }

    // ---- generation ----

    private static void Generate(string example, JsonNode root, JsonNode node, string path, Type type, List<Mutation> into)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is JsonObject obj && IsRecord(type))
        {
            into.Add(new(example, "unknown key", Join(path, "bogus_key"), With(root, node, o => ((JsonObject)o)["bogus_key"] = 1), false));
            foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                string key = JsonConfig.Options.PropertyNamingPolicy!.ConvertName(prop.Name);
                if (prop.GetCustomAttribute<RequiredMemberAttribute>() is not null && obj.ContainsKey(key))
                    into.Add(new(example, "missing required key", Join(path, key), With(root, node, o => ((JsonObject)o).Remove(key)), false));
            }
            foreach (var (key, child) in obj.ToArray())
            {
                var prop = type.GetProperties().Single(p => JsonConfig.Options.PropertyNamingPolicy!.ConvertName(p.Name) == key);
                bool nullable = new NullabilityInfoContext().Create(prop).WriteState == NullabilityState.Nullable;
                Mutate(example, root, obj, key, Join(path, key), prop.PropertyType, nullable, into);
                if (child is not null) Generate(example, root, child, Join(path, key), prop.PropertyType, into);
            }
        }
        else if (node is JsonArray arr && ElementType(type) is { } element)
        {
            for (int i = 0; i < arr.Count; i++)
            {
                Mutate(example, root, arr, i, $"{path}[{i}]", element, false, into);
                if (arr[i] is { } child) Generate(example, root, child, $"{path}[{i}]", element, into);
            }
        }
        else if (node is JsonObject dict && DictionaryValueType(type) is { } value)
        {
            foreach (var (key, child) in dict.ToArray())
            {
                Mutate(example, root, dict, key, Join(path, key), value, false, into);
                if (child is not null) Generate(example, root, child, Join(path, key), value, into);
            }
        }
    }

    private static void Mutate(string example, JsonNode root, JsonNode parent, object at, string path, Type type, bool nullable, List<Mutation> into)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        into.Add(new(example, "null", path, Replace(root, parent, at, null), nullable));
        bool isBool = type == typeof(bool);
        into.Add(new(example, "wrong type", path, Replace(root, parent, at, isBool ? JsonValue.Create("yes") : JsonValue.Create(true)), false));
        if (IsRecord(type) || ElementType(type) is not null || DictionaryValueType(type) is not null)
            into.Add(new(example, "wrong type (number)", path, Replace(root, parent, at, JsonValue.Create(7)), false));
        if (type == typeof(string) || type == typeof(TaskNumber))
            into.Add(new(example, "wrong type (list)", path, Replace(root, parent, at, new JsonArray(1, 2)), false));
    }

    private static bool IsRecord(Type t) => t.Namespace == typeof(TaskFileSpec).Namespace && t.IsClass && t != typeof(TaskNumber);

    private static Type? ElementType(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;

    private static Type? DictionaryValueType(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? t.GetGenericArguments()[1] : null;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string With(JsonNode root, JsonNode node, Action<JsonNode> change)
    {
        string where = node.GetPath();
        var copy = root.DeepClone();
        change(Find(copy, where));
        return copy.ToJsonString();
    }

    private static string Replace(JsonNode root, JsonNode parent, object at, JsonNode? value) => With(root, parent, p =>
    {
        if (at is int i) p.AsArray()[i] = value?.DeepClone();
        else p.AsObject()[(string)at] = value?.DeepClone();
    });

    private static JsonNode Find(JsonNode root, string jsonPath)
    {
        if (jsonPath == "$") return root;
        JsonNode node = root;
        foreach (var (key, index) in Segments(jsonPath)) node = key is not null ? node[key]! : node[index]!;
        return node;
    }

    private static IEnumerable<(string? Key, int Index)> Segments(string jsonPath)
    {
        int i = 1; // after '$'
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                int j = i + 1;
                while (j < jsonPath.Length && jsonPath[j] != '.' && jsonPath[j] != '[') j++;
                yield return (jsonPath[(i + 1)..j], -1); i = j;
            }
            else if (jsonPath[i] == '[' && jsonPath[i + 1] == '\'')
            {
                int j = jsonPath.IndexOf("']", i, StringComparison.Ordinal);
                yield return (jsonPath[(i + 2)..j], -1); i = j + 2;
            }
            else
            {
                int j = jsonPath.IndexOf(']', i);
                yield return (null, int.Parse(jsonPath[(i + 1)..j], CultureInfo.InvariantCulture)); i = j + 1;
            }
        }
    }

    /// <summary>Sets the value at a dotted path with [i] indices (test setup only).</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToArray();
        JsonNode node = root;
        for (int k = 0; k < parts.Length - 1; k++)
            node = parts[k].StartsWith('[') ? node[int.Parse(parts[k][1..^1], CultureInfo.InvariantCulture)]! : node[parts[k]]!;
        string last = parts[^1];
        if (last.StartsWith('[')) node[int.Parse(last[1..^1], CultureInfo.InvariantCulture)] = value;
        else node[last] = value;
    }
}
