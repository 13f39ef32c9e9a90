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

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
