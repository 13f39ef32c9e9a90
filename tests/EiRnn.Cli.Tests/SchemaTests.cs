namespace EiRnn.Cli.Tests;

/// <summary>The committed JSON Schemas must be what the config records generate (no drift).</summary>
[TestClass]
public sealed class SchemaTests
{
    [TestMethod]
    [DataRow("train")]
    [DataRow("pipeline")]
    public void CommittedSchemaMatchesTheRecord(string kind)
    {
        var r = CliProcess.Run("schema", kind);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        string committed = File.ReadAllText(Path.Combine(RepoRoot(), "schemas", $"{kind}-config.schema.json"));
        Assert.AreEqual(committed.Trim(), r.StdOut.Trim(), $"regenerate with: tools/eirnn schema {kind} > schemas/{kind}-config.schema.json");
        StringAssert.Contains(r.StdOut, "\"additionalProperties\": false");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
