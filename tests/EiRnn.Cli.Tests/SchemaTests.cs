using System.Text.Json;
using System.Text.Json.Nodes;
using EiRnn.Analysis.Claims;
using EiRnn.Cli.Verbs;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Cli.Tests;

/// <summary>The committed JSON Schemas must be what the config records generate (no drift).</summary>
[TestClass]
public sealed class SchemaTests
{
    [TestMethod]
    [DataRow("train")]
    [DataRow("pipeline")]
    [DataRow("task")]
    public void CommittedSchemaMatchesTheRecord(string kind)
    {
        var r = CliProcess.Run("schema", kind);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        string file = kind == "task" ? "task.schema.json" : $"{kind}-config.schema.json";
        string committed = File.ReadAllText(Path.Combine(RepoRoot(), "schemas", file));
        Assert.AreEqual(committed.Trim(), r.StdOut.Trim(), $"regenerate with: tools/eirnn schema {kind} > schemas/{file}");
        StringAssert.Contains(r.StdOut, "\"additionalProperties\": false");
    }

    /// <summary>
    /// The sweep-spec schema is written by hand (descriptions, ranges, a number-or-list type), so it is compared with the
    /// parser's record by its keys: every object at every depth names exactly the keys <see cref="SweepSpec"/> reads.
    /// </summary>
    [TestMethod]
    public void CommittedSweepSchemaNamesTheKeysTheParserReads()
    {
        var committed = Committed("sweep-spec.schema.json");
        AssertSameKeys(KeyPaths(SchemaVerb.Schema(typeof(SweepSpec))), KeyPaths(committed), "schemas/sweep-spec.schema.json", nameof(SweepSpec));
        Assert.IsTrue(KeyPaths(committed).Count > 30, "the walk reaches the nested perturbation keys");
    }

    /// <summary>
    /// The claims schema is written by hand too (ranges, descriptions, the closed sets of factor and window): it must name exactly the
    /// keys <see cref="ClaimsFile"/> reads, mark required exactly the keys the parser requires, and list the same values for every
    /// key the parser reads as an enum (measure kind, threshold op and basis).
    /// </summary>
    [TestMethod]
    public void CommittedClaimsSchemaNamesTheKeysTheParserReads()
    {
        const string file = "schemas/claims.schema.json";
        var committed = Committed("claims.schema.json");
        var parsed = SchemaVerb.Schema(typeof(ClaimsFile));
        AssertSameKeys(KeyPaths(parsed), KeyPaths(committed), file, nameof(ClaimsFile));
        AssertSameKeys(KeyPaths(parsed, requiredOnly: true), KeyPaths(committed, requiredOnly: true), file + " (required keys)", nameof(ClaimsFile) + " (required members)");
        var parsedEnums = EnumValues(parsed);
        var committedEnums = EnumValues(committed);
        Assert.IsTrue(parsedEnums.ContainsKey("claims[].measure.kind"), "the parser's schema lists the measure kinds");
        foreach (var (path, values) in parsedEnums)
            Assert.AreEqual(values, committedEnums.GetValueOrDefault(path, "(no enum)"), $"{file} key {path}: allowed values differ from the parser's enum");
        Assert.IsTrue(KeyPaths(committed).Count > 25, "the walk reaches the measure and threshold keys");
    }

    /// <summary>The committed claims file is valid under the committed claims schema.</summary>
    [TestMethod]
    public void CommittedClaimsFileValidatesAgainstTheSchema()
    {
        var errors = JsonSchemaSubset.Errors(Committed("claims.schema.json"), ClaimsDocument());
        Assert.IsEmpty(errors, "data/claims/pycog.json against schemas/claims.schema.json:\n" + string.Join("\n", errors));
    }

    /// <summary>The schema check itself can fail: a misspelt key, a value out of range and a kind outside the enum are each named by path.</summary>
    [TestMethod]
    public void ClaimsSchemaCheckNamesEachViolationByPath()
    {
        var schema = Committed("claims.schema.json");
        var before = JsonSchemaSubset.Errors(schema, ClaimsDocument());
        var doc = ClaimsDocument().AsObject();
        var claim = doc["claims"]![0]!.AsObject();
        claim["statment"] = claim["statement"]!.DeepClone();
        claim.Remove("statement");
        claim["measure"]!["kind"] = "steepness";
        doc["test_sets"]![0]!["trials_per_condition"] = 0;
        var errors = JsonSchemaSubset.Errors(schema, doc).Except(before).ToArray();
        CollectionAssert.AreEquivalent(new[]
        {
            "$.claims[0].statement: required key missing", "$.claims[0].statment: key not in the schema",
            "$.claims[0].measure.kind: \"steepness\" is not one of " + schema["properties"]!["claims"]!["items"]!["properties"]!["measure"]!["properties"]!["kind"]!["enum"]!.ToJsonString(),
            "$.test_sets[0].trials_per_condition: 0 violates minimum 1",
        }, errors, string.Join("\n", errors));
    }

    private static JsonNode Committed(string schemaFile) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "schemas", schemaFile)))!;

    private static JsonNode ClaimsDocument() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "data", "claims", "pycog.json")),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    /// <summary>Fails naming each key path only one side has.</summary>
    private static void AssertSameKeys(IReadOnlyCollection<string> parser, IReadOnlyCollection<string> schema, string schemaName, string parserName)
    {
        var onlySchema = schema.Except(parser).ToArray();
        var onlyParser = parser.Except(schema).ToArray();
        Assert.IsTrue(onlySchema.Length == 0 && onlyParser.Length == 0,
            $"{schemaName} and {parserName} name different keys ([] = list items): only in the schema: [{string.Join(", ", onlySchema)}]; " +
            $"only read by the parser: [{string.Join(", ", onlyParser)}]");
    }

    /// <summary>The strings a number may also be (JsonConfig allows named floating-point literals): not a closed set of the key's own.</summary>
    private const string NamedFloatLiterals = "-Infinity,Infinity,NaN";

    /// <summary>Enum values (sorted, comma-joined) per key path, leaving out the named floating-point literals of number keys.</summary>
    private static Dictionary<string, string> EnumValues(JsonNode root)
    {
        var result = new Dictionary<string, string>();
        Walk(root, (path, node) =>
        {
            if (node["enum"] is not JsonArray values) return;
            string joined = string.Join(",", values.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal));
            if (joined != NamedFloatLiterals) result[path] = joined;
        });
        return result;
    }

    /// <summary>
    /// Every key path a schema allows ("perturbations[].lesions[].window.period"), following $ref, items and oneOf/anyOf;
    /// with <paramref name="requiredOnly"/> only the keys their object's "required" lists.
    /// </summary>
    private static List<string> KeyPaths(JsonNode root, bool requiredOnly = false)
    {
        var paths = new List<string>();
        Walk(root, (path, node) =>
        {
            var required = node["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            string prefix = path.Length == 0 ? "" : path + ".";
            foreach (var (key, _) in node["properties"]?.AsObject() ?? [])
                if (!requiredOnly || required.Contains(key)) paths.Add(prefix + key);
        });
        return paths.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Visits every schema object with the key path it describes ("" = the root, [] = list items).</summary>
    private static void Walk(JsonNode root, Action<string, JsonObject> visit)
    {
        void Step(JsonNode? node, string path)
        {
            if (node is not JsonObject o) return;
            visit(path, o);
            if (o["$ref"]?.GetValue<string>() is { } reference)
                Step(reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (n, key) => n?[key]), path);
            foreach (var (key, child) in o["properties"]?.AsObject() ?? [])
                Step(child, path.Length == 0 ? key : path + "." + key);
            Step(o["items"], path + "[]");
            foreach (var choice in (o["oneOf"] ?? o["anyOf"])?.AsArray() ?? []) Step(choice, path);
        }
        Step(root, "");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
