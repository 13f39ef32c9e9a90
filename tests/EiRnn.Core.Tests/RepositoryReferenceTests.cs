using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EiRnn.Core.Tests;

/// <summary>
/// The repository stands alone: every reference to a file of the repository (and to a heading in it) resolves,
/// and nothing points at documents that are not part of it. The rules are in docs/README.md#references-inside-the-repository
/// and are implemented by <see cref="RepositoryReferences"/>; the synthetic-repository tests below show that each
/// rule can fail.
/// </summary>
[TestClass]
public sealed class RepositoryReferenceTests
{
    [TestMethod]
    public void EveryReferenceInTheRepositoryResolves()
    {
        string root = RepositoryReferences.FindRoot(AppContext.BaseDirectory);
        var report = RepositoryReferences.Check(root);
        Console.WriteLine($"{report.FilesScanned} files scanned, {report.ReferencesChecked} references checked");
        Assert.IsGreaterThan(200, report.ReferencesChecked, "the scan found almost no references: is the walk broken?");
        Assert.IsGreaterThan(50, report.FilesScanned, "the scan found almost no files: is the walk broken?");
        if (report.Problems.Count > 0)
            Assert.Fail($"{report.Problems.Count} broken or outside reference(s):\n" + string.Join("\n", report.Problems));
    }

    [TestMethod]
    public void GitHubAnchorsFollowTheHeadingRule()
    {
        var anchors = RepositoryReferences.Anchors(
        [
            "# Title", "## Time indexing", "## Crash-safe writing and _SUCCESS files", "### `eirnn.spec` (JSON)",
            "## The model file (ONNX)", "## Noise", "## Noise", "```", "## Not a heading inside a fence", "```",
            "## Vanishing-gradient regulariser Ω", "## Noise",
        ]);
        string[] expected =
        [
            "title", "time-indexing", "crash-safe-writing-and-_success-files", "eirnnspec-json", "the-model-file-onnx",
            "noise", "noise-1", "vanishing-gradient-regulariser-ω", "noise-2",
        ];
        CollectionAssert.AreEqual(expected, anchors.ToArray());
    }

    [TestMethod]
    public void BrokenReferencesInASyntheticRepositoryAreAllReported()
    {
        string root = Path.Combine(Path.GetTempPath(), "eirnn-refs-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            Directory.CreateDirectory(Path.Combine(root, "src", "bin"));
            File.WriteAllText(Path.Combine(root, "EiRnnPipeline.sln"), "");
            File.WriteAllText(Path.Combine(root, "README.md"), "# Readme\n\n## Native libraries\n\nSee [model](docs/model.md#time-indexing).\n");
            File.WriteAllText(Path.Combine(root, "docs", "model.md"),
                "# Model\n\n## Time indexing\n\n## Noise\n\n## Noise\n\n[up](../README.md#native-libraries) [self](#noise-1) [bad](#noise-2)\n" +
                "[gone](tasks.md) [web](https://example.org/x.md#y)\n");
            File.WriteAllText(Path.Combine(root, "src", "Good.cs"),
                "// docs/model.md#time-indexing, docs/model.md#noise-1, README.md#native-libraries, docs/model.md\n" +
                "// [P Eq 9] [Pc trainer.py] [Song et al. 2016, Table 1]\n");
            File.WriteAllText(Path.Combine(root, "src", "Bad.cs"),
                "// docs/model.md#time-index\n" +            // wrong anchor
                "// docs/missing.md#anything\n" +            // missing file
                "// SPEC.md §3.7\n" +                        // outside document and a section sign
                "// ../shared/notes/performance.md\n" +      // outside folder
                "// src/Missing.cs\n" +                      // missing repository path
                "// src/Good.cs#anchor\n");                  // anchor on a file that has no headings
            File.WriteAllText(Path.Combine(root, "src", "Message.cs"), "var s = \"see DESIGN.md\";\n");   // code strings count too
            File.WriteAllText(Path.Combine(root, "src", "bin", "Skipped.cs"), "// SPEC.md docs/nowhere.md\n");

            var report = RepositoryReferences.Check(root);
            string all = string.Join("\n", report.Problems);

            StringAssert.Contains(all, "src/Bad.cs:1: docs/model.md#time-index");
            StringAssert.Contains(all, "src/Bad.cs:2: docs/missing.md#anything");
            StringAssert.Contains(all, "src/Bad.cs:3: SPEC.md");
            StringAssert.Contains(all, "src/Bad.cs:3: §3");
            StringAssert.Contains(all, "src/Bad.cs:4: ../shared");
            StringAssert.Contains(all, "src/Bad.cs:5: src/Missing.cs");
            StringAssert.Contains(all, "src/Bad.cs:6: src/Good.cs#anchor");
            StringAssert.Contains(all, "docs/model.md:9: #noise-2");
            StringAssert.Contains(all, "docs/model.md:10: tasks.md");
            StringAssert.Contains(all, "src/Message.cs:1: DESIGN.md");
            Assert.IsFalse(all.Contains("Good.cs:", StringComparison.Ordinal), all);
            Assert.IsFalse(all.Contains("README.md:", StringComparison.Ordinal), all);
            Assert.IsFalse(all.Contains("Skipped.cs", StringComparison.Ordinal), all);
            Assert.IsFalse(all.Contains("example.org", StringComparison.Ordinal), all);
            Assert.HasCount(10, report.Problems, all);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}


/// <summary>The result of a scan: problems as "path:line: reference — reason".</summary>
public sealed record ReferenceReport(IReadOnlyList<string> Problems, int FilesScanned, int ReferencesChecked);

/// <summary>
/// Finds and checks repository references. What counts as one:
/// <list type="bullet">
/// <item>Markdown links in *.md files outside fenced code, <c>[text](target)</c>: the target is resolved relative
/// to the file (as GitHub does); <c>#anchor</c> alone means the same file; URLs with a scheme are skipped.</item>
/// <item>Markdown paths anywhere (<see cref="MarkdownPath"/>): <c>dir/file.md</c> or <c>file.md#anchor</c>, i.e. a
/// path ending in .md that contains a '/' or carries an anchor, resolved from the repository root. A bare file
/// name without an anchor (e.g. "README.md") is prose, not a reference.</item>
/// <item>Repository paths anywhere (<see cref="RepositoryPath"/>): a path that starts with a top-level folder of
/// the repository (docs, src, tests, tools, build, examples, schemas, models, data) and ends in a file
/// extension, e.g. <c>src/EiRnn.Onnx/Contract/ModelContract.cs</c>; it must exist from the root.</item>
/// <item>Any other <c>path.ext#anchor</c> (<see cref="AnchoredPath"/>): the file must exist and be markdown.</item>
/// </list>
/// An anchor must be the GitHub anchor of a heading of the target (lowercase; characters other than letters,
/// digits, '_', '-' and spaces dropped; spaces to '-'; "-1", "-2" for repeats) or an HTML id/name in it.
/// Upstream citations in square brackets (<c>[P Eq 9]</c>, <c>[Pc trainer.py]</c>) match none of these forms.
/// Outside references fail wherever they occur (<see cref="Outside"/>): SPEC.md, DESIGN.md, STYLE.md, ../shared,
/// and a section sign followed by a number (a section of a document that is not in the repository).
/// </summary>
public static partial class RepositoryReferences
{
    private static readonly string[] Extensions = [".cs", ".md", ".json", ".props", ".targets", ".csproj", ".sh", ".yaml", ".yml", ".mjs"];
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", ".git", "runs" };
    private const string SelfFileName = "RepositoryReferenceTests.cs";

    [GeneratedRegex(@"(?<![\w-])(?:SPEC|DESIGN|STYLE)\.md|\.\./shared\b|§\s?\d+(?:\.\d+)*")]
    public static partial Regex Outside();

    [GeneratedRegex(@"(?<![\w./#-])((?:[\w.-]+/)*[\w-][\w.-]*\.md)(?:#([\w-]+))?(?![\w/])")]
    public static partial Regex MarkdownPath();

    [GeneratedRegex(@"(?<![\w./#-])((?:docs|src|tests|tools|build|examples|schemas|models|data)/(?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z][A-Za-z0-9]*)(?![\w/#-]|\.\w)")]
    public static partial Regex RepositoryPath();

    [GeneratedRegex(@"(?<![\w./#-])((?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z][A-Za-z0-9]*)#([\w-]+)")]
    public static partial Regex AnchoredPath();

    [GeneratedRegex(@"\[[^\]\n]*\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:name|id)=""([^""]+)""")]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();

    /// <summary>The folder holding EiRnnPipeline.sln, searched upward from <paramref name="start"/>.</summary>
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no EiRnnPipeline.sln above {start}");
    }

    public static ReferenceReport Check(string root)
    {
        var problems = new List<string>();
        var anchorCache = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        int files = 0, references = 0;
        foreach (string file in Files(root))
        {
            string rel = Relative(root, file);
            if (Path.GetFileName(file) == SelfFileName) continue;
            files++;
            string[] lines = File.ReadAllLines(file);
            bool markdown = file.EndsWith(".md", StringComparison.Ordinal);
            bool inFence = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                string where = $"{rel}:{i + 1}";
                bool fenceLine = markdown && Fence().IsMatch(line);
                if (fenceLine) inFence = !inFence;

                foreach (Match m in Outside().Matches(line))
                {
                    problems.Add($"{where}: {m.Value.Trim()} — points outside the repository; cite docs/ (see docs/README.md)");
                }

                string scanned = line;
                if (markdown && !inFence && !fenceLine)
                {
                    foreach (Match m in MarkdownLink().Matches(line))
                    {
                        string target = m.Groups[1].Value;
                        if (Regex.IsMatch(target, @"^[A-Za-z][A-Za-z0-9+.-]*:") || target.StartsWith('<')) continue;
                        references++;
                        int hash = target.IndexOf('#');
                        string path = hash < 0 ? target : target[..hash];
                        string? anchor = hash < 0 ? null : target[(hash + 1)..];
                        string full = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                        CheckTarget(root, full, anchor, $"{where}: {target}", problems, anchorCache);
                    }
                    scanned = MarkdownLink().Replace(line, "[]()");   // link targets are checked above, relative to the file
                }

                var seen = new HashSet<(int, string)>();
                foreach (Match m in MarkdownPath().Matches(scanned))
                {
                    string path = m.Groups[1].Value;
                    string? anchor = m.Groups[2].Success ? m.Groups[2].Value : null;
                    if (anchor is null && !path.Contains('/')) continue;           // a bare file name is prose
                    if (Outside().IsMatch(path)) continue;                          // reported above
                    seen.Add((m.Index, m.Value)); references++;
                    CheckTarget(root, Path.GetFullPath(Path.Combine(root, path)), anchor, $"{where}: {m.Value}", problems, anchorCache);
                }
                foreach (Match m in AnchoredPath().Matches(scanned))
                {
                    if (seen.Contains((m.Index, m.Value)) || m.Groups[1].Value.EndsWith(".md", StringComparison.Ordinal)) continue;
                    references++; seen.Add((m.Index, m.Value));
                    string full = Path.GetFullPath(Path.Combine(root, m.Groups[1].Value));
                    if (!File.Exists(full)) problems.Add($"{where}: {m.Value} — no such file");
                    else problems.Add($"{where}: {m.Value} — anchors point at markdown headings; {m.Groups[1].Value} is not markdown");
                }
                foreach (Match m in RepositoryPath().Matches(scanned))
                {
                    string path = m.Groups[1].Value;
                    if (path.EndsWith(".md", StringComparison.Ordinal)) continue;   // markdown paths are checked above
                    if (path.Split('/').Any(SkippedFolders.Contains)) continue;       // build output (bin/, obj/) is not in the repository
                    references++;
                    string full = Path.GetFullPath(Path.Combine(root, path));
                    if (!File.Exists(full) && !Directory.Exists(full)) problems.Add($"{where}: {path} — no such file");
                }
            }
        }
        return new ReferenceReport(problems, files, references);
    }

    private static void CheckTarget(string root, string full, string? anchor, string what, List<string> problems, Dictionary<string, HashSet<string>> cache)
    {
        string rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal) && full != rootFull.TrimEnd(Path.DirectorySeparatorChar))
        {
            problems.Add($"{what} — points outside the repository");
            return;
        }
        if (!File.Exists(full) && !Directory.Exists(full)) { problems.Add($"{what} — no such file"); return; }
        if (anchor is null || anchor.Length == 0) return;
        if (!full.EndsWith(".md", StringComparison.Ordinal)) { problems.Add($"{what} — anchors point at markdown headings; the target is not markdown"); return; }
        if (!cache.TryGetValue(full, out var anchors))
        {
            string[] lines = File.ReadAllLines(full);
            anchors = [.. Anchors(lines)];
            foreach (string l in lines) foreach (Match m in HtmlAnchor().Matches(l)) anchors.Add(m.Groups[1].Value);
            cache[full] = anchors;
        }
        if (!anchors.Contains(anchor)) problems.Add($"{what} — no heading with this anchor in {Relative(root, full)}");
    }

    /// <summary>GitHub's anchors of the headings of a markdown file, in order (headings in fenced code excluded).</summary>
    public static List<string> Anchors(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool inFence = false;
        foreach (string line in lines)
        {
            if (Fence().IsMatch(line)) { inFence = !inFence; continue; }
            if (inFence) continue;
            var m = Heading().Match(line);
            if (!m.Success) continue;
            string slug = Slug(m.Groups[2].Value);
            if (counts.TryGetValue(slug, out int n)) { counts[slug] = n + 1; result.Add($"{slug}-{n + 1}"); }
            else { counts[slug] = 0; result.Add(slug); }
        }
        return result;
    }

    /// <summary>Lowercase; keep letters, digits, marks, '_', '-' and spaces; spaces become '-'. Link text stays, its URL goes.</summary>
    public static string Slug(string heading)
    {
        string text = Regex.Replace(heading, @"\[([^\]]*)\]\([^)]*\)", "$1").ToLowerInvariant();
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            var cat = char.GetUnicodeCategory(c);
            if (c == ' ') sb.Append('-');
            else if (c == '-' || c == '_' || char.IsLetterOrDigit(c) || cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Files(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
                if (!SkippedFolders.Contains(Path.GetFileName(sub))) pending.Push(sub);
            foreach (string f in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                if (Extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal))) yield return f;
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
