using System.Text.RegularExpressions;
using EiRnn.Tasks;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>
/// The analysis is composed from the declared capabilities alone (docs/analysis.md#task-capabilities): no source file of
/// src/EiRnn.Analysis holds a string literal equal to a built-in task's name, one of its period names, or one of its condition
/// column names (except "coherence" and "context", which name result-table columns the reports keep). Comments are ignored.
/// </summary>
[TestClass]
public sealed class NoTaskKnowledgeTests
{
    /// <summary>Result-table column names the analysis writes (tables/duration_accuracy.parquet, tables/mante_axes.parquet).</summary>
    private static readonly string[] OutputColumns = ["coherence", "context"];

    public static IReadOnlySet<string> Forbidden()
    {
        var registry = TaskRegistry.BuiltIn();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string task in registry.Names)
        {
            names.Add(task);
            var t = registry.Create(task);
            names.UnionWith(t.Description.PeriodNames);
            names.UnionWith(t.ConditionColumns.Select(c => c.Name));
        }
        names.ExceptWith(OutputColumns);
        return names;
    }

    /// <summary>Each "literal" in <paramref name="source"/> (comments removed) that is forbidden, as "line: literal".</summary>
    public static IEnumerable<string> Offences(string source, IReadOnlySet<string> forbidden)
    {
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string code = Regex.Replace(lines[i], @"^\s*//.*$|\s//.*$", "");
            foreach (Match m in Regex.Matches(code, "\"([^\"\\\\{}]*)\""))
                if (forbidden.Contains(m.Groups[1].Value)) yield return $"{i + 1}: \"{m.Groups[1].Value}\"";
        }
    }

    [TestMethod]
    public void AnalysisSourcesNameNoTaskPeriodOrConditionColumn()
    {
        var forbidden = Forbidden();
        Assert.HasCount(10, TaskRegistry.BuiltIn().Names);
        foreach (string expected in new[] { "rdm-rt", "rdm-variable", "mante", "romo", "sequence", "stimulus", "f1", "delay", "stimulus1", "fixation", "catch", "f1_hz", "motion_coherence" })
            Assert.Contains(expected, forbidden);
        string root = TestSupport.RepositoryPaths.Of("src", "EiRnn.Analysis");
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToArray();
        Assert.IsGreaterThan(40, files.Length);
        var offences = files.SelectMany(f => Offences(File.ReadAllText(f), forbidden).Select(o => $"{Path.GetRelativePath(root, f)}:{o}")).ToArray();
        Assert.IsEmpty(offences, string.Join("\n", offences));
    }

    [TestMethod]
    public void TheCheckFindsALiteralButNotAComment()
    {
        var forbidden = Forbidden();
        Assert.HasCount(1, Offences("if (manifest.Task == \"rdm-rt\") x();", forbidden));
        Assert.HasCount(1, Offences("var s = periods.First(p => p.Name == \"stimulus\");", forbidden));
        Assert.IsEmpty(Offences("/// <param name=\"stimulus\">the period</param>\n// \"delay\" in a comment", forbidden));
        Assert.IsEmpty(Offences("string label = $\"{ctx} context\";", forbidden));
    }
}
