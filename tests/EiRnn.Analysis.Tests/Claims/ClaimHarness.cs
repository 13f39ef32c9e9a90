using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Runs;
using EiRnn.Analysis.Tests.Runs;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Tests.Claims;

/// <summary>Writes hand-made trials as a dataset, analyses it and measures the committed claims file's claims of that task.</summary>
internal static class ClaimHarness
{
    public static ClaimsFile Committed() => ClaimsFile.Load(TestSupport.RepositoryPaths.Of("data", "claims", "pycog.json"));

    /// <summary>Verdict per claim id of <paramref name="task"/>'s claims whose measure is one of <paramref name="kinds"/> (the others
    /// need rates or weights the synthetic trials do not have), with 200 bootstrap resamples.</summary>
    public static async Task<IReadOnlyDictionary<string, ClaimResult>> MeasureAsync(string task, IReadOnlyList<ConditionColumn> columns,
        IReadOnlyList<SyntheticTrial> trials, double[] sampleTimes, params MeasureKind[] kinds)
    {
        using var tmp = new TempFolder();
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), task, columns, ["fixation", "stimulus", "decision"], trials, sampleTimes, 2, false);
        var analysis = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 20 });
        var file = Committed() with { BootstrapResamples = 200 };
        var claims = file.ClaimsOf(task).Where(c => kinds.Contains(c.Measure.Kind)).ToArray();
        Assert.IsNotEmpty(claims, $"the claims file has no {task} claim of the kinds {string.Join(", ", kinds)}");
        var data = await ClaimData.ReadAsync(tmp.Sub("data"), analysis, null, null, null);
        return ClaimEvaluator.Evaluate("synthetic", claims, data, file).ToDictionary(r => r.Claim.Id);
    }

    public static string Describe(IReadOnlyDictionary<string, ClaimResult> results) =>
        string.Join("; ", results.Values.Select(r => $"{r.Claim.Id} {r.Verdict} {r.Measurement.Value} {r.Measurement.NotMeasurableReason}"));

    /// <summary>Asserts that exactly <paramref name="failing"/> fail and every other claim passes.</summary>
    public static void ExpectOnlyFailing(IReadOnlyDictionary<string, ClaimResult> results, params string[] failing)
    {
        foreach (var (id, r) in results)
            Assert.AreEqual(failing.Contains(id) ? ClaimVerdict.Fail : ClaimVerdict.Pass, r.Verdict, $"{id}: {Describe(results)}");
    }
}
