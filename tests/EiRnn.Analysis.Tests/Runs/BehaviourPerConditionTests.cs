using EiRnn.Analysis.Runs;
using EiRnn.Data.Tables;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>
/// Behaviour per condition where a psychometric axis does not show it: tasks without one (per value of the
/// condition column that names the condition; a regression task's trials scored without a choice), and romo's
/// % correct per (f1, f2) pair with its minimum, the task's own performance measure.
/// </summary>
[TestClass]
public sealed class BehaviourPerConditionTests
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
    public async Task RomoReportsPercentCorrectPerPairAndItsMinimum()
    {
        using var tmp = new TempFolder();
        IReadOnlyList<Period> periods = [new("fixation", 0, 500), new("f1", 500, 1000), new("delay", 1000, 4000), new("f2", 4000, 4500), new("decision", 4500, 4800)];
        // docs/tasks.md#romo: f1 > f2 → choice 0. Pair j (of 10) gets 10 trials, the first 10 − j of them answered correctly.
        var pairs = new (double F1, double F2)[] { (18, 10), (22, 14), (26, 18), (30, 22), (34, 26), (10, 18), (14, 22), (18, 26), (22, 30), (26, 34) };
        var trials = pairs.SelectMany((p, j) => Enumerable.Range(0, 10).Select(k =>
        {
            int right = p.F1 > p.F2 ? 0 : 1, choice = k < 10 - j ? right : 1 - right;
            return new SyntheticTrial(new RomoCondition(p.F1, p.F2, 3000), new TrialOutcome(choice, choice == right, null), periods);
        })).ToArray();
        await SyntheticTrials.WriteAsync(tmp.Sub("data"), "romo", RomoCondition.Columns, ["fixation", "f1", "delay", "f2", "decision"],
            trials, [1200, 2400, 3600, 4800], 3, false);
        var result = await AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub("data"), OutDir = tmp.Sub("out"), BootstrapResamples = 0 });

        string text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(result.ReportPath), "<[^>]+>", " ");
        // The worst pair, (26, 34), has 1 of 10 right; on the f1 − f2 axis it merges with four better pairs.
        StringAssert.Contains(text, "Minimum over the 10 (f1, f2) conditions: 10.0 % correct");
        StringAssert.Contains(text, "% correct per condition (f1, f2)");
        StringAssert.Contains(System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "), " 26 34 10 10.0 ");
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
        Assert.HasCount(16, rows, "one row per test angle (docs/tasks.md#match-to-category task, 8 angles per category)");
        foreach (var r in rows)
            Assert.AreEqual(r.Stimulus < Math.PI ? 1.0 : 0.0, r.PCorrect, $"angle {r.Stimulus}");
    }
}
