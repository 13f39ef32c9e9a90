using System.Text.Json;
using System.Text.RegularExpressions;
using EiRnn.Data.Tables;

namespace EiRnn.Cli.Tests;

/// <summary>
/// What one task's `analyze` output contains: report section headings, figure files, result tables (tables/*.parquet)
/// with their columns and the report's HTML tables (caption, numbers as #) with their columns. Taken by a small simulate + analyze of
/// the committed model (models/&lt;model&gt;/model.onnx), or, for a task without a committed model, of a tiny network
/// trained for two updates.
/// </summary>
internal sealed record AnalysisSnapshot(
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Figures,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tables,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ReportTables)
{
    /// <summary>The snapshot cases: name → (task, committed model folder or null to train a tiny one, trials per condition).</summary>
    public static readonly IReadOnlyList<(string Name, string Task, string? Model, int Trials)> Cases =
    [
        ("rdm-fixed", "rdm-fixed", "rdm-fixed", 6),
        ("rdm-variable", "rdm-variable", "rdm-variable", 12),
        ("rdm-rt", "rdm-rt", "rdm-rt", 6),
        ("mante", "mante", "mante", 2),
        ("mante-areas", "mante", "mante-areas", 2),
        ("multisensory", "multisensory", "multisensory", 4),
        ("romo", "romo", "romo", 6),
        ("sequence", "sequence", "sequence", 2),
        ("perceptual-discrimination", "perceptual-discrimination", null, 4),
        ("delayed-discrimination", "delayed-discrimination", "delayed-discrimination", 6),
        ("match-to-category", "match-to-category", "match-to-category", 4),
    ];

    public static AnalysisSnapshot Take(string name, string dir)
    {
        var c = Cases.Single(x => x.Name == name);
        string root = SchemaTests.RepoRoot();
        string model, training;
        if (c.Model is { } m)
        {
            model = Path.Combine(root, "models", m, "model.onnx");
            training = Path.Combine(root, "models", m);
        }
        else
        {
            string cfg = Path.Combine(dir, "train.json");
            File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 16 }, "max_updates": 2, "validation_trials": 10 }""");
            training = Path.Combine(dir, "run");
            Check(CliProcess.Run("train", "--task", c.Task, "--config", cfg, "--out", training, "--seed", "2"));
            model = Path.Combine(training, "model.onnx");
        }
        string data = Path.Combine(dir, "data"), report = Path.Combine(dir, "report");
        Check(CliProcess.Run("simulate", "--model", model, "--out", data, "--trials-per-condition", c.Trials.ToString(),
            "--dt", "2", "--dt-save", "10"));
        Check(CliProcess.Run("analyze", "--data", data, "--out", report, "--model", model, "--training", training, "--bootstrap", "0"));
        return Read(report);
    }

    public static AnalysisSnapshot Read(string report)
    {
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        var sections = Regex.Matches(html, "<h2>(.*?)</h2>").Select(x => Decode(x.Groups[1].Value)).ToArray();
        var figures = Directory.GetFiles(report, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string tableDir = Path.Combine(report, "tables");
        if (Directory.Exists(tableDir))
            foreach (string f in Directory.GetFiles(tableDir, "*.parquet").Order(StringComparer.Ordinal))
                tables[Path.GetFileName(f)] = ResultTableReader.ReadAsync(f).GetAwaiter().GetResult().Columns.Select(col => col.Name).ToArray();
        var reportTables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match t in Regex.Matches(html, "<caption>(.*?)</caption>\\s*<tr>(.*?)</tr>", RegexOptions.Singleline))
            reportTables[Regex.Replace(Decode(t.Groups[1].Value), @"\d+(\.\d+)?", "#")] = Regex.Matches(t.Groups[2].Value, "<th>(.*?)</th>").Select(x => Decode(x.Groups[1].Value)).ToArray();
        return new AnalysisSnapshot(sections, figures!, tables, reportTables);
    }

    /// <summary>Each item of <paramref name="before"/> that this snapshot lacks, one line each.</summary>
    public IReadOnlyList<string> Missing(AnalysisSnapshot before)
    {
        var missing = new List<string>();
        missing.AddRange(before.Sections.Except(Sections).Select(s => $"section '{s}'"));
        missing.AddRange(before.Figures.Except(Figures).Select(f => $"figure {f}"));
        foreach (var (table, columns) in before.Tables)
            if (!Tables.TryGetValue(table, out var now)) missing.Add($"table {table}");
            else missing.AddRange(columns.Except(now).Select(col => $"column {table}:{col}"));
        foreach (var (table, columns) in before.ReportTables)
            if (!ReportTables.TryGetValue(table, out var now)) missing.Add($"report table '{table}'");
            else missing.AddRange(columns.Except(now).Select(col => $"report column '{table}':{col}"));
        return missing;
    }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Decode(string html) => System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", ""));

    private static void Check(CliProcess.Result r)
    {
        if (r.ExitCode != 0) throw new InvalidOperationException(r.StdOut + r.StdErr);
    }
}
