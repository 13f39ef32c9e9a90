using EiRnn.Core.Config;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Tests;

/// <summary>docs/errors.md#strict-json: each kind of bad JSON is one ConfigException naming the key path and the file.</summary>
[TestClass]
public sealed class StrictJsonTests
{
    public sealed record Item(string Id, double? OnsetMs = null);
    public sealed record Doc
    {
        public IReadOnlyList<long> Seeds { get; init; } = [1];
        public IReadOnlyList<Item> Items { get; init; } = [];
        public IReadOnlyList<IReadOnlyList<int>>? Pairs { get; init; }
        public IReadOnlyDictionary<string, Item> ByName { get; init; } = new Dictionary<string, Item>();
        public string Name { get; init; } = "";
        public int Count { get; init; } = 1;
        public Item? Optional { get; init; }
    }

    [TestMethod]
    [DataRow("""{ "seeds": null }""", "seeds", "is null")]
    [DataRow("""{ "name": null }""", "name", "is null")]
    [DataRow("""{ "count": null }""", "count", "is null")]
    [DataRow("""{ "items": [ { "id": "a" }, null ] }""", "items[1]", "is null")]
    [DataRow("""{ "items": [ { "id": null } ] }""", "items[0].id", "is null")]
    [DataRow("""{ "pairs": [ [1, 2], null ] }""", "pairs[1]", "is null")]
    [DataRow("""{ "by_name": { "x": null } }""", "by_name.x", "is null")]
    [DataRow("""{ "count": 1, "count": 1 }""", "count", "written twice")]
    [DataRow("""{ "items": [ { "id": "a", "onset_ms": 1, "onset_ms": 2 } ] }""", "items[0].onset_ms", "written twice")]
    [DataRow("""{ "by_name": { "x": { "id": "a" }, "x": { "id": "b" } } }""", "by_name.x", "written twice")]
    [DataRow("""{ "count": "three" }""", "count", "wrong type")]
    [DataRow("""{ "items": [ { "id": "a", "extra": 1 } ] }""", "items[0].extra", "not a known key")]
    [DataRow("""{ "items": [ { "id": "a" } """, "items[0]", "not valid JSON")]
    public void BadValueIsOneLineNamingPathAndFile(string json, string path, string problem)
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Parse<Doc>(json, "spec.json"));
        Assert.AreEqual(path, e.Field, e.Message);
        StringAssert.Contains(e.Message, problem);
        StringAssert.EndsWith(e.Message, "(in spec.json)");
        Assert.IsFalse(e.Message.Contains('\n'), "one line: " + e.Message);
    }

    [TestMethod]
    public void MeaningfulNullsStayLegal()
    {
        var d = JsonConfig.Parse<Doc>("""{ "items": [ { "id": "a", "onset_ms": null } ], "optional": null, "pairs": null }""");
        Assert.IsNull(d.Items[0].OnsetMs);
        Assert.IsNull(d.Optional);
    }

    [TestMethod]
    public void RangeChecksNameTheFile()
    {
        string file = Path.Combine(Path.GetTempPath(), $"eirnn-range-{Environment.ProcessId}.json");
        File.WriteAllText(file, """{ "count": -1 }""");
        try
        {
            var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Load<Doc>(file,
                d => d.Count >= 1 ? d : throw new ConfigException("count", $"must be >= 1, got {d.Count}")));
            Assert.AreEqual($"config: 'count' must be >= 1, got -1 (in {file})", e.Message);
        }
        finally { File.Delete(file); }
    }

    [TestMethod]
    public void MissingFileIsAnIoErrorNamingIt()
    {
        var e = Assert.ThrowsExactly<FileAccessException>(() => JsonConfig.Load<Doc>("/nonexistent/spec.json"));
        StringAssert.StartsWith(e.Message, "cannot read '/nonexistent/spec.json'");
    }
}
