using EiRnn.Core.Config;

namespace EiRnn.Cli.Tests;

/// <summary>
/// Every built-in task's `analyze` output keeps at least the sections, figures and table columns it had at commit
/// 165ce48 (before analyses were composed from declared task capabilities): Fixtures/analysis-snapshot-165ce48.json,
/// written by <see cref="WriteSnapshot"/> in that commit's tree (set EIRNN_WRITE_ANALYSIS_SNAPSHOT to the output path).
/// Later changes may add items; none may go.
/// </summary>
[TestClass]
public sealed class AnalysisSnapshotTests
{
    public const string SnapshotFile = "analysis-snapshot-165ce48.json";

    public static IEnumerable<object[]> Names => AnalysisSnapshot.Cases.Select(c => new object[] { c.Name });

    [TestMethod]
    [DynamicData(nameof(Names))]
    public void AnalyzeKeepsEverySnapshotItem(string name)
    {
        var before = Snapshot()[name];
        string dir = Directory.CreateTempSubdirectory($"eirnn-snapshot-{name}-").FullName;
        try
        {
            var now = AnalysisSnapshot.Take(name, dir);
            var missing = now.Missing(before);
            Assert.IsEmpty(missing, $"{name}: missing since 165ce48: {string.Join("; ", missing)}");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    internal static IReadOnlyDictionary<string, AnalysisSnapshot> Snapshot() =>
        JsonConfig.Load<Dictionary<string, AnalysisSnapshot>>(Path.Combine(SchemaTests.RepoRoot(), "tests", "EiRnn.Cli.Tests", "Fixtures", SnapshotFile));

    /// <summary>Writes the snapshot (opt-in: only with EIRNN_WRITE_ANALYSIS_SNAPSHOT set); run in the tree the snapshot is named after.</summary>
    [TestMethod]
    public void WriteSnapshot()
    {
        string? path = Environment.GetEnvironmentVariable("EIRNN_WRITE_ANALYSIS_SNAPSHOT");
        if (string.IsNullOrEmpty(path)) return;
        var all = new SortedDictionary<string, AnalysisSnapshot>(StringComparer.Ordinal);
        foreach (var c in AnalysisSnapshot.Cases)
        {
            string dir = Directory.CreateTempSubdirectory($"eirnn-snapshot-{c.Name}-").FullName;
            var started = DateTime.UtcNow;
            try { all[c.Name] = AnalysisSnapshot.Take(c.Name, dir); }
            finally { Directory.Delete(dir, recursive: true); }
            Console.WriteLine($"{c.Name}: {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        }
        File.WriteAllText(path, JsonConfig.Serialize(all) + "\n");
    }
}
