using EiRnn.Analysis.Runs;
using EiRnn.Data.Tables;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>
/// Tasks without a psychometric axis: behaviour per value of the condition column that names the condition,
/// and a regression task's trials (no choice, correctness defined) scored.
/// </summary>
[TestClass]
public sealed class TaskWithoutPsychometricAxisTests
{
    private static readonly double[] Times = [1000, 2000, 3000, 3500];

    [TestMethod]
    public async Task SequenceTrialsAreScoredPerSequenceWithoutAChoice()
    {
        using var tmp = new TempFolder();
        // Sequence s: 8 trials, the first s of them correct, none with a choice (the eye position is the output).
        IReadOnlyList<Period> periods = [new("iti", 0, 1000), new("fixation", 1000, 2000), new("m1", 2000, 2500), new("m2", 2500, 3000), new("m3", 3000, 3500)];
        var trials = Enumerable.Range(1, 8).SelectMany(s => Enumerable.Range(0, 8).Select(k =>
            new SyntheticTrial(new SequenceCondition(s), new TrialOutcome(null, k < s, null), periods))).ToArray();
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "sequence", SequenceCondition.Columns, ["iti", "fixation", "m1", "m2", "m3"], trials, Times, 3, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 0 });

        Assert.AreEqual(TaskFamily.Other, result.Axes.Family);
        var rows = result.Behaviour.Where(b => b.Curve == TaskAxes.PrimaryCurve).OrderBy(b => b.Stimulus).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(s => (double)s).ToArray(), rows.Select(r => r.Stimulus).ToArray());
        foreach (var r in rows)
        {
            Assert.AreEqual(8, r.N);
            Assert.AreEqual(r.Stimulus / 8, r.PCorrect, 1e-12, $"sequence {r.Stimulus}");
        }
        var table = await ResultTableReader.ReadAsync(Path.Combine(tmp.Sub("out"), AnalysisRun.TablesFolder, "behaviour.parquet"));
        Assert.IsTrue(table.Columns.Any(c => c.Name == "sequence"), "the stimulus column is named after the condition column");
        // 1 + 2 + ... + 8 = 36 of 64 trials correct.
        StringAssert.Contains(File.ReadAllText(result.ReportPath), $"{100.0 * 36 / 64:F1} % correct");
    }

    [TestMethod]
    public async Task MatchToCategoryBehaviourIsPerAngleNotPerTrialTiming()
    {
        using var tmp = new TempFolder();
        var task = new MatchToCategoryTask();
        IReadOnlyList<Period> periods = [new("fixation", 0, 200), new("stimulus", 200, 1200), new("decision", 1200, 2000)];
        // Every trial answers category 0: right exactly for the angles below π.
        var trials = task.TestConditions.Cast<MatchToCategoryCondition>()
            .SelectMany(c => Enumerable.Repeat(new SyntheticTrial(c, new TrialOutcome(0, c.Category == 0, null), periods), 3)).ToArray();
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "match-to-category", MatchToCategoryCondition.Columns, ["fixation", "stimulus", "decision"],
            trials, [500, 1000, 1500, 2000], 3, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 0 });

        var rows = result.Behaviour.Where(b => b.Curve == TaskAxes.PrimaryCurve).ToArray();
        Assert.HasCount(16, rows, "one row per test angle (SPEC.md §4.10 task, 8 angles per category)");
        foreach (var r in rows)
            Assert.AreEqual(r.Stimulus < Math.PI ? 1.0 : 0.0, r.PCorrect, $"angle {r.Stimulus}");
    }
}
