using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

/// <summary>rdm-fixed, rdm-variable, rdm-rt against hand-computed values (docs/tasks.md#rdm-fixed).</summary>
[TestClass]
public sealed class RdmTaskTests
{
    private static float In(TrialBatch b, int trial, int k, int ch) => b.Inputs[b.InputIndex(trial, k, ch)];
    private static float Y(TrialBatch b, int trial, int k, int o) => b.Targets[b.OutputIndex(trial, k, o)];
    private static float M(TrialBatch b, int trial, int k, int o) => b.Mask[b.OutputIndex(trial, k, o)];

    [TestMethod]
    public void RdmFixedEncodesEvidenceOnlyDuringTheStimulusAtDt20()
    {
        var task = new RdmFixedTask();
        var b = task.Forced([new RdmCondition(16, 1)], TaskTiming.Train, 20f, new RandomStream(1));
        // 100 + 800 + 300 ms at 20 ms: samples 0–4 fixation (t = 20..100), 5–44 stimulus, 45–59 decision.
        Assert.AreEqual(60, b.Steps);
        Assert.AreEqual(0.756f, In(b, 0, 5, 0), 1e-6f);   // (1 + 0.032·16)/2
        Assert.AreEqual(0.244f, In(b, 0, 5, 1), 1e-6f);   // (1 − 0.032·16)/2
        Assert.AreEqual(0.756f, In(b, 0, 44, 0), 1e-6f);
        Assert.AreEqual(0f, In(b, 0, 4, 0));
        Assert.AreEqual(0f, In(b, 0, 45, 0));
        Assert.AreEqual(1f, M(b, 0, 4, 0)); Assert.AreEqual(0.2f, Y(b, 0, 4, 0)); Assert.AreEqual(0.2f, Y(b, 0, 4, 1));
        Assert.AreEqual(0f, M(b, 0, 5, 0)); Assert.AreEqual(0f, M(b, 0, 44, 1));
        Assert.AreEqual(1f, M(b, 0, 45, 0)); Assert.AreEqual(1f, Y(b, 0, 45, 0)); Assert.AreEqual(0.2f, Y(b, 0, 45, 1));
        // Direction −1 swaps the channels and the correct output.
        var r = task.Forced([new RdmCondition(2, -1)], TaskTiming.Train, 20f, new RandomStream(1));
        Assert.AreEqual(0.468f, In(r, 0, 10, 0), 1e-6f);  // (1 − 0.064)/2
        Assert.AreEqual(0.532f, In(r, 0, 10, 1), 1e-6f);
        Assert.AreEqual(1f, Y(r, 0, 59, 1));
    }

    [TestMethod]
    public void PeriodBoundariesInStepsAtDt20AndDt05()
    {
        var task = new RdmFixedTask();
        foreach (var (dt, fixSteps, stimSteps, total) in new[] { (20f, 5, 40, 60), (0.5f, 200, 1600, 2400) })
        {
            var b = task.Forced([new RdmCondition(4, 1)], TaskTiming.Train, dt, new RandomStream(2));
            Assert.AreEqual(total, b.Steps, $"dt {dt}");
            var stim = b.FindPeriod(0, "stimulus")!.Value;
            int first = Enumerable.Range(0, b.Steps).First(k => stim.Contains(k, dt));
            int count = Enumerable.Range(0, b.Steps).Count(k => stim.Contains(k, dt));
            Assert.AreEqual(fixSteps, first); Assert.AreEqual(stimSteps, count);
            Assert.AreEqual(0f, In(b, 0, first - 1, 0));
            Assert.AreNotEqual(0f, In(b, 0, first, 0));
            Assert.AreNotEqual(0f, In(b, 0, first + count - 1, 0));
            Assert.AreEqual(0f, In(b, 0, first + count, 0));
        }
        // Test timing: fixation 300 ms → 15 samples at 20 ms, 70 in all.
        var t = task.Forced([new RdmCondition(4, 1)], TaskTiming.Test, 20f, new RandomStream(2));
        Assert.AreEqual(70, t.Steps);
        Assert.AreEqual(0f, In(t, 0, 14, 0)); Assert.AreNotEqual(0f, In(t, 0, 15, 0));
    }

    [TestMethod]
    public void ZeroCoherenceHasEqualEvidenceNoCorrectAnswerAndBothDirectionLabels()
    {
        var task = new RdmFixedTask();
        var b = task.Forced(Enumerable.Repeat<ITrialCondition>(new RdmCondition(0, 0), 40).ToList(), TaskTiming.Test, 20f, new RandomStream(3));
        var dirs = b.Conditions.Cast<RdmCondition>().Select(c => c.Direction).Distinct().OrderBy(x => x).ToArray();
        CollectionAssert.AreEqual(new[] { -1, 1 }, dirs);
        Assert.AreEqual(0.5f, In(b, 0, 20, 0)); Assert.AreEqual(0.5f, In(b, 0, 20, 1));
        Assert.IsTrue(b.Conditions.Cast<RdmCondition>().All(c => c.CorrectChoice is null));
    }

    [TestMethod]
    public void ValidationCyclesCatchThenConditionsInColumnMajorOrder()
    {
        var b = new RdmFixedTask().ValidationBatch(23, 20f, new RandomStream(4));
        var c = b.Conditions.Cast<RdmCondition>().ToArray();
        Assert.IsTrue(c[0].IsCatch); Assert.IsTrue(c[11].IsCatch); Assert.IsTrue(c[22].IsCatch);
        Assert.AreEqual(new RdmCondition(1, 1), c[1]);
        Assert.AreEqual(new RdmCondition(16, 1), c[5]);
        Assert.AreEqual(new RdmCondition(1, -1), c[6]);
        Assert.AreEqual(new RdmCondition(16, -1), c[10]);
        Assert.AreEqual(new RdmCondition(1, 1), c[12]);
        Assert.AreEqual(2000 / 20, b.TrialSteps[0], "catch trials last 2000 ms");
    }

    [TestMethod]
    public void RdmVariableDurationsAreTruncatedExponentialFlooredToDt()
    {
        var rng = new RandomStream(5);
        var at20 = Enumerable.Range(0, 2000).Select(_ => RdmVariableTask.DrawStimulusMs(rng, 20f)).ToArray();
        Assert.IsTrue(at20.All(d => d >= 80 && d < 1500 && Math.Abs(d / 20 - Math.Round(d / 20)) < 1e-9));
        // E[d | 80 ≤ d < 1500] for an exponential of mean 330: 80 + 330 − 1420·e^(−1420/330)/(1 − e^(−1420/330)) = 390.53.
        double q = Math.Exp(-1420.0 / 330);
        double expected = 80 + 330 - 1420 * q / (1 - q);
        Assert.AreEqual(390.53, expected, 0.01);
        var fine = Enumerable.Range(0, 8000).Select(_ => RdmVariableTask.DrawStimulusMs(rng, 0.5f)).ToArray();
        double mean = fine.Average(), sd = Math.Sqrt(fine.Select(d => (d - mean) * (d - mean)).Average());
        Assert.AreEqual(expected - 0.25, mean, 4 * sd / Math.Sqrt(fine.Length), "flooring at 0.5 ms lowers the mean by 0.25 ms");
    }

    [TestMethod]
    public void RdmVariableStartCueCoversTheStimulusAndTestFixationIs500()
    {
        var task = new RdmVariableTask();
        var b = task.Forced([new RdmVariableCondition(8, -1, 240)], TaskTiming.Test, 20f, new RandomStream(6));
        // 500 fixation (25 samples), 240 stimulus (12), 300 decision (15).
        Assert.AreEqual(52, b.Steps);
        Assert.AreEqual(240.0, ((RdmVariableCondition)b.Conditions[0]).StimulusMs);
        for (int k = 0; k < 52; k++)
            Assert.AreEqual(k is >= 25 and < 37 ? 1f : 0f, In(b, 0, k, 2), $"start cue at sample {k}");
        Assert.AreEqual(0.372f, In(b, 0, 25, 0), 1e-6f); // (1 − 0.256)/2, evidence against choice 1
        var drawn = task.Forced(task.EachCondition(3), TaskTiming.Train, 20f, new RandomStream(7));
        Assert.IsTrue(drawn.Conditions.Cast<RdmVariableCondition>().All(c => c.StimulusMs is >= 80 and < 1500));
    }

    [TestMethod]
    public void RdmRtTrainsHi12AfterA300msGraceWithTheCueOnUntilTheEnd()
    {
        var b = new RdmReactionTimeTask().Forced([new RdmCondition(16, 1)], TaskTiming.Train, 20f, new RandomStream(8));
        // Fixation 100 (5 samples), stimulus 800 (40 samples) to the end; decision from t > 400 (sample 20).
        Assert.AreEqual(45, b.Steps);
        Assert.AreEqual(1f, M(b, 0, 4, 0)); Assert.AreEqual(0f, M(b, 0, 5, 0)); Assert.AreEqual(0f, M(b, 0, 19, 0));
        Assert.AreEqual(1f, M(b, 0, 20, 0)); Assert.AreEqual(1.2f, Y(b, 0, 20, 0)); Assert.AreEqual(0.2f, Y(b, 0, 20, 1));
        Assert.AreEqual(1f, In(b, 0, 44, 2)); Assert.AreEqual(0.756f, In(b, 0, 44, 0), 1e-6f); Assert.AreEqual(0f, In(b, 0, 4, 2));
        var test = new RdmReactionTimeTask().Forced([new RdmCondition(16, 1)], TaskTiming.Test, 20f, new RandomStream(8));
        Assert.AreEqual((300 + 1500) / 20, test.Steps);
    }

    [TestMethod]
    public void RdmRtScoresByFirstThresholdCrossingAndValidatesAtTrialEnd()
    {
        var task = new RdmReactionTimeTask();
        // Test timing at 20 ms: stimulus onset 300 ms, 90 samples.
        var b = task.Forced([new RdmCondition(8, 1), new RdmCondition(8, 1), new RdmCondition(8, 1), new RdmCondition(8, -1)], TaskTiming.Test, 20f, new RandomStream(9));
        var z = new float[b.Targets.Length];
        void Set(int trial, int from, int o, float v) { for (int k = from; k < b.Steps; k++) z[b.OutputIndex(trial, k, o)] = v; }
        Set(0, 30, 1, 1.1f); Set(0, 80, 0, 2f);      // trial 0: output 2 crosses first at t = 620 ms, output 1 ends higher
        Set(1, 40, 0, 1.05f); Set(1, 40, 1, 1.05f);  // trial 1: tie at t = 820 ms → output 2
        Set(2, 0, 0, 1.0f);                           // trial 2: reaches but never exceeds 1
        Set(3, 10, 1, 1.3f);                          // trial 3: crosses during fixation → RT negative (t = 220)
        var s = task.Score(b, z);
        Assert.AreEqual(new TrialOutcome(1, false, 320), s[0]);
        Assert.AreEqual(new TrialOutcome(1, false, 520), s[1]);
        Assert.AreEqual(new TrialOutcome(null, null, null), s[2]);
        Assert.AreEqual(new TrialOutcome(1, true, -80), s[3]);
        // Validation: the larger output at trial end — trial 0 → output 1 (right), 1 → tie → output 1 (right),
        // 2 → output 1 (right), 3 → output 2 (right).
        Assert.AreEqual(1.0, task.Performance(b, z));
    }
}
