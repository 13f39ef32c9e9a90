using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;
using EiRnn.Tasks.Tests.Support;

namespace EiRnn.Tasks.Tests;

/// <summary>mante, multisensory, romo against hand-computed values (docs/tasks.md#mante).</summary>
[TestClass]
public sealed class PycogTaskTests
{
    private static float[] InputsAt(TrialBatch b, int trial, int k) =>
        Enumerable.Range(0, b.InputCount).Select(i => b.Inputs[b.InputIndex(trial, k, i)]).ToArray();

    private static void AreClose(float[] expected, float[] actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], actual[i], 1e-6f, $"{what} channel {i}");
    }

    [TestMethod]
    public void ManteCueIsOnOnlyDuringTheStimulusAndTheRelevantModalityDecides()
    {
        var cond = new ManteCondition(ManteContext.Colour, 10, 1, 3, -1);
        Assert.AreEqual(1, cond.CorrectChoice, "colour context, colour evidence negative → choice 2");
        Assert.AreEqual(0, (cond with { Context = ManteContext.Motion }).CorrectChoice);
        var b = new ManteTask().Forced([cond], TaskTiming.Test, 20f, new RandomStream(1));
        // Test fixation 400 ms → stimulus samples 20..59, decision 60..74.
        Assert.AreEqual(75, b.Steps);
        AreClose([0, 1, 0.75f, 0.25f, 0.425f, 0.575f], InputsAt(b, 0, 20), "stimulus");
        AreClose(new float[6], InputsAt(b, 0, 19), "fixation");
        AreClose(new float[6], InputsAt(b, 0, 60), "decision");
        Assert.AreEqual(1f, b.Targets[b.OutputIndex(0, 74, 1)]);
        Assert.AreEqual(-15.0, cond.ColourCoherence);
    }

    [TestMethod]
    public void ManteHas72ConditionsAndATwoAreaOption()
    {
        Assert.HasCount(72, new ManteTask().TestConditions);
        Assert.AreEqual(1.0 / 73, new ManteTask().Description.CatchProbability, 1e-15);
        Assert.AreEqual(ConnectivityStructure.Dense, new ManteTask().Description.Defaults.Structure);
        var areas = new ManteTask(areas: true);
        Assert.IsTrue(areas.Areas);
        Assert.AreEqual(ConnectivityStructure.ManteAreas, areas.Description.Defaults.Structure);
        Assert.AreEqual("mante", areas.Description.Name);
        Assert.AreEqual(50, areas.Description.Defaults.BatchSize);
        Assert.AreEqual(3650, areas.Description.Defaults.ValidationTrials);
    }

    [TestMethod]
    public void MultisensoryEncodesRatesPerModalityWithTheCueThroughTheDecision()
    {
        var task = new MultisensoryTask();
        var b = task.Forced([new MultisensoryCondition(Modality.Visual, 16), new MultisensoryCondition(Modality.Auditory, 9),
            new MultisensoryCondition(Modality.VisualAuditory, 12)], TaskTiming.Train, 20f, new RandomStream(2));
        // Fixation 100 (5 samples), stimulus 1000 (50), decision 300 (15).
        Assert.AreEqual(70, b.Steps);
        AreClose([1.2f, 0, 0.4f, 0, 1], InputsAt(b, 0, 5), "visual 16/s");
        AreClose([0, 0.4f, 0, 1.2f, 1], InputsAt(b, 1, 54), "auditory 9/s");
        float pos = 0.4f + 0.8f * 3 / 7, neg = 0.4f + 0.8f * 4 / 7; // 0.742857, 0.857143
        AreClose([pos, pos, neg, neg, 1], InputsAt(b, 2, 30), "both at 12/s");
        AreClose([0, 0, 0, 0, 1], InputsAt(b, 2, 55), "decision: cue only");
        AreClose([0, 0, 0, 0, 0], InputsAt(b, 2, 4), "fixation: nothing");
        Assert.AreEqual(0, b.Conditions.Cast<MultisensoryCondition>().First().CorrectChoice, "16/s is high");
        Assert.AreEqual(1, ((MultisensoryCondition)b.Conditions[2]).CorrectChoice, "12/s is low");
        Assert.AreEqual(0, new MultisensoryCondition(Modality.Visual, 13).CorrectChoice);
        Assert.AreEqual(2500 / 20, task.ValidationBatch(1, 20f, new RandomStream(2)).TrialSteps[0], "catch 2500 ms");
        Assert.AreEqual(0.2, task.Description.CatchProbability, 1e-15);
    }

    [TestMethod]
    public void RomoDelayIsUniform2500To3500FlooredToDtAnd3000AtTest()
    {
        var task = new RomoTask();
        var b = task.Forced(task.EachCondition(50), TaskTiming.Train, 20f, new RandomStream(3));
        var delays = b.Conditions.Cast<RomoCondition>().Select(c => c.DelayMs!.Value).ToArray();
        Assert.IsTrue(delays.All(d => d >= 2500 && d <= 3480 && d % 20 == 0), "multiples of 20 in [2500, 3480]");
        Assert.IsLessThanOrEqualTo(2520.0, delays.Min());
        Assert.IsGreaterThanOrEqualTo(3460.0, delays.Max());
        for (int i = 0; i < b.BatchSize; i++)
        {
            var delay = b.FindPeriod(i, "delay")!.Value;
            Assert.AreEqual(delays[i], delay.EndMs - delay.StartMs, 1e-9);
            Assert.AreEqual(100 + 500, delay.StartMs, 1e-9);
        }
        var t = task.Forced(task.EachCondition(1), TaskTiming.Test, 20f, new RandomStream(3));
        Assert.IsTrue(t.Conditions.Cast<RomoCondition>().All(c => c.DelayMs == 3000));
        Assert.AreEqual((500 + 500 + 3000 + 500 + 300) / 20, t.Steps);
    }

    [TestMethod]
    public void RomoEncodesF1AndF2AndScoresTheWorstCondition()
    {
        var task = new RomoTask();
        var b = task.Forced([new RomoCondition(34, 26, 1000)], TaskTiming.Train, 20f, new RandomStream(4));
        // f1 samples 5..29, delay 30..79, f2 80..104, decision 105..119.
        AreClose([1.2f, 0.4f], InputsAt(b, 0, 5), "f1 = 34 Hz");
        AreClose([0f, 0f], InputsAt(b, 0, 30), "delay");
        AreClose([0.4f + 0.8f * 16 / 24, 0.4f + 0.8f * 8 / 24], InputsAt(b, 0, 80), "f2 = 26 Hz");
        Assert.AreEqual(1f, b.Targets[b.OutputIndex(0, 119, 0)]);

        var v = task.Forced(task.EachCondition(3), TaskTiming.Train, 20f, new RandomStream(5));
        var z = SyntheticOutputs.Ideal(v);
        var opposite = SyntheticOutputs.Opposite(v, regression: false);
        // Get condition (18, 10) wrong on all of its 3 trials and condition (22, 14) on 1 of 3.
        int wrong22 = 0;
        for (int i = 0; i < v.BatchSize; i++)
        {
            var c = (RomoCondition)v.Conditions[i];
            bool flip = (c.F1Hz, c.F2Hz) == (18, 10) || ((c.F1Hz, c.F2Hz) == (22, 14) && wrong22++ == 0);
            if (!flip) continue;
            for (int k = 0; k < v.Steps; k++)
                for (int o = 0; o < 2; o++) z[v.OutputIndex(i, k, o)] = opposite[v.OutputIndex(i, k, o)];
        }
        Assert.AreEqual(0.0, task.Performance(v, z), 1e-12, "min over conditions");
        Assert.AreEqual(26.0 / 30, Scoring.FractionCorrect(task.Score(v, z)), 1e-12, "pooled fraction for comparison");
        Assert.IsFalse(task.Description.Criterion.IsMet([0.9, 0.9, 0.9, 0.9, 0.84]), "Romo: last validation ≥ 0.85");
        Assert.IsTrue(task.Description.Criterion.IsMet([0.1, 0.85]));
    }
}
