using System.Text.Json.Nodes;
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
        var committed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "schemas", "sweep-spec.schema.json")))!;
        var parsed = SchemaVerb.Schema(typeof(SweepSpec));
        CollectionAssert.AreEquivalent(KeyPaths(parsed), KeyPaths(committed),
            "schemas/sweep-spec.schema.json and SweepSpec name different keys (key paths, [] = list items)");
        Assert.IsTrue(KeyPaths(committed).Count > 30, "the walk reaches the nested perturbation keys");
    }

    /// <summary>Every key path a schema allows ("perturbations[].lesions[].window.period"), following $ref, items and oneOf/anyOf.</summary>
    private static List<string> KeyPaths(JsonNode root)
    {
        var paths = new List<string>();
        void Walk(JsonNode? node, string path)
        {
            if (node is not JsonObject o) return;
            if (o["$ref"]?.GetValue<string>() is { } reference)
                Walk(reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (n, key) => n?[key]), path);
            foreach (var (key, child) in o["properties"]?.AsObject() ?? [])
            {
                paths.Add(path + key);
                Walk(child, path + key + ".");
            }
            Walk(o["items"], path.TrimEnd('.') + "[].");
            foreach (var choice in (o["oneOf"] ?? o["anyOf"])?.AsArray() ?? []) Walk(choice, path);
        }
        Walk(root, "");
        return paths.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
