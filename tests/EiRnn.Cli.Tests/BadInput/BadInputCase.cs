namespace EiRnn.Cli.Tests.BadInput;

/// <summary>A damaged input and the verb that must refuse it with exit 2 and one line on stderr.</summary>
internal sealed record BadInputCase(string Family, string Description, Func<string[]> Arguments)
{
    public override string ToString() => $"{Family}: {Description}";
}

/// <summary>Runs a family of cases in-process and reports every case that did not exit 2 with one line.</summary>
internal static class BadInputRunner
{
    public static void RunAll(string family, IReadOnlyList<BadInputCase> cases, int minimum)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var r = InProcessCli.Run(c.Arguments());
            string err = r.StdErr.Trim();
            int lines = err.Length == 0 ? 0 : err.Split('\n').Length;
            if (r.ExitCode != 2 || lines != 1 || err.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"{c}: exit {r.ExitCode}, {lines} stderr line(s): {Shorten(err)}");
        }
        Console.WriteLine($"{family}: {cases.Count} bad-input cases, {cases.Count - failures.Count} refused with exit 2 and one line, {clock.Elapsed.TotalSeconds:F1} s");
        if (failures.Count > 0)
            Assert.Fail($"{family}: {failures.Count} of {cases.Count} cases were not refused properly:\n" + string.Join("\n", failures.Take(200)));
        Assert.IsTrue(cases.Count >= minimum, $"{family}: only {cases.Count} cases generated (expected at least {minimum})");
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s.ReplaceLineEndings(" | ");
}
