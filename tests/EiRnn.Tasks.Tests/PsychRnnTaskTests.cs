using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

/// <summary>The PsychRNN tasks (docs/tasks.md#perceptual-discrimination) against hand-computed values and noise statistics.</summary>
[TestClass]
public sealed class PsychRnnTaskTests
{
    /// <summary>Wilson–Hilferty quantile of χ²(k) at standard-normal quantile z.</summary>
    private static double ChiSquareQuantile(double k, double z) => k * Math.Pow(1 - 2 / (9 * k) + z * Math.Sqrt(2 / (9 * k)), 3);

    /// <summary>Σx²/σ² of n zero-mean normal samples is χ²(n): check it lies in the central 99.9% interval.</summary>
    private static void AssertNoiseStd(IReadOnlyList<float> samples, double sigma, string what)
    {
        double ss = samples.Sum(x => (double)x * x);
        int n = samples.Count;
        double lo = ChiSquareQuantile(n, -3.2905) * sigma * sigma, hi = ChiSquareQuantile(n, 3.2905) * sigma * sigma;
        Assert.IsTrue(ss > lo && ss < hi, $"{what}: measured std {Math.Sqrt(ss / n):G5} over {n} samples, expected {sigma:G5} " +
                                          $"(99.9% range {Math.Sqrt(lo / n):G5}..{Math.Sqrt(hi / n):G5})");
    }

    [TestMethod]
    public void PerceptualDiscriminationNoiseStdIs00447AtDt10()
    {
        Assert.AreEqual(0.1 * Math.Sqrt(0.2), PerceptualDiscriminationTask.NoiseStd(10f), 1e-12); // 0.1·sqrt(0.02·sqrt(10)·sqrt(10))
        Assert.AreEqual(0.04472, PerceptualDiscriminationTask.NoiseStd(10f), 1e-5);
        var task = new PerceptualDiscriminationTask();
        var b = task.TrainingBatch(100, 10f, new RandomStream(1));
        var pure = new List<float>();
        for (int t = 0; t < b.BatchSize; t++)
        {
            var stim = b.FindPeriod(t, "stimulus")!.Value;
            for (int k = 0; k < b.Steps; k++)
                if (!stim.Contains(k, 10)) { pure.Add(b.Inputs[b.InputIndex(t, k, 0)]); pure.Add(b.Inputs[b.InputIndex(t, k, 1)]); }
        }
        AssertNoiseStd(pure, 0.1 * Math.Sqrt(0.2), "perceptual-discrimination noise");
    }

    [TestMethod]
    public void PerceptualDiscriminationStimulusMaskAndTargetFollowOnsetAndDuration()
    {
        var task = new PerceptualDiscriminationTask();
        var b = task.Forced([new PerceptualDiscriminationCondition(0.5, 1, OnsetMs: 500, StimulusMs: 500)], TaskTiming.Test, 10f, new RandomStream(2));
        Assert.AreEqual(200, b.Steps);
        // Stimulus: 500 < k·10 < 1000 → k = 51..99; mask from k·10 ≥ 1000 (k = 100); target from k·10 ≥ 1020 (k = 102).
        var stim = b.FindPeriod(0, "stimulus")!.Value;
        CollectionAssert.AreEqual(Enumerable.Range(51, 49).ToArray(), Enumerable.Range(0, 200).Where(k => stim.Contains(k, 10)).ToArray());
        double mean0 = Enumerable.Range(51, 49).Average(k => b.Inputs[b.InputIndex(0, k, 0)]);
        double mean1 = Enumerable.Range(51, 49).Average(k => b.Inputs[b.InputIndex(0, k, 1)]);
        double se = 0.0447 / Math.Sqrt(49);
        Assert.AreEqual(1.0, mean0, 4.5 * se); Assert.AreEqual(1.5, mean1, 4.5 * se);
        Assert.AreEqual(0f, b.Mask[b.OutputIndex(0, 99, 0)]); Assert.AreEqual(1f, b.Mask[b.OutputIndex(0, 100, 0)]);
        Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, 101, 1)]);
        Assert.AreEqual(1f, b.Targets[b.OutputIndex(0, 102, 1)]); Assert.AreEqual(0.2f, b.Targets[b.OutputIndex(0, 102, 0)]);
        Assert.AreEqual(1f, b.Mask[b.OutputIndex(0, 199, 1)]);
        Assert.AreEqual(-50.0, ((PerceptualDiscriminationCondition)b.Conditions[0]).SignedCoherencePercent);
    }

    [TestMethod]
    public void PerceptualDiscriminationDrawsFromItsCoherenceSetAndDocumentedRanges()
    {
        var task = new PerceptualDiscriminationTask([0.3]);
        var b = task.TrainingBatch(200, 10f, new RandomStream(3));
        var c = b.Conditions.Cast<PerceptualDiscriminationCondition>().ToArray();
        Assert.IsTrue(c.All(x => x.Coherence == 0.3));
        Assert.IsTrue(c.All(x => x.OnsetMs is >= 0 and < 1000 && x.StimulusMs is >= 250 and < 750));
        Assert.IsTrue(c.Any(x => x.Direction == 0) && c.Any(x => x.Direction == 1));
        Assert.Throws<ConfigException>(() => new PerceptualDiscriminationTask([1.5]));
        Assert.Throws<ConfigException>(() => new PerceptualDiscriminationTask([]));
    }

    [TestMethod]
    public void DelayedDiscriminationEpochsInputsAndDecisionWindow()
    {
        var timing = new DiscriminationTiming(OnsetMs: 100, Stimulus1Ms: 200, DelayMs: 300, Stimulus2Ms: 200, DecisionMs: 200);
        var task = new DelayedDiscriminationTask(timing);
        var b = task.Forced([new DelayedDiscriminationCondition(34, 26)], TaskTiming.Test, 10f, new RandomStream(4));
        Assert.AreEqual(200, b.Steps);
        // [100, 300): k = 10..29 f1; [600, 800): k = 60..79 f2; decision [800, 1000): k = 80..99; post k ≥ 100.
        double Mean(int from, int count, int ch) => Enumerable.Range(from, count).Average(k => b.Inputs[b.InputIndex(0, k, ch)]);
        double se = 0.0447 / Math.Sqrt(20);
        Assert.AreEqual(1.2, Mean(10, 20, 0), 4.5 * se); Assert.AreEqual(0.4, Mean(10, 20, 1), 4.5 * se);
        Assert.AreEqual(0.4 + 0.8 * 16 / 24.0, Mean(60, 20, 0), 4.5 * se); Assert.AreEqual(0.4 + 0.8 * 8 / 24.0, Mean(60, 20, 1), 4.5 * se);
        Assert.AreEqual(0.0, Mean(30, 30, 0), 4.5 * 0.0447 / Math.Sqrt(30));
        for (int k = 0; k < 200; k++)
        {
            bool decision = k is >= 80 and < 100;
            Assert.AreEqual(decision ? 1f : 0f, b.Mask[b.OutputIndex(0, k, 0)], $"mask at {k}");
            Assert.AreEqual(decision ? 1f : 0f, b.Targets[b.OutputIndex(0, k, 0)], $"target at {k}");
        }
        Assert.AreEqual(0.2f, b.Targets[b.OutputIndex(0, 80, 1)]);
        CollectionAssert.AreEqual(new[] { "fixation", "stimulus1", "delay", "stimulus2", "decision", "post" }, b.Periods[0].Select(p => p.Name).ToArray());
        Assert.AreEqual(new Period("delay", 300, 600), b.FindPeriod(0, "delay"));

        var drawn = new DelayedDiscriminationTask().TrainingBatch(400, 10f, new RandomStream(5));
        var epochs = drawn.Conditions.Cast<DelayedDiscriminationCondition>().Select(c => c.Epochs!.Value).ToArray();
        Assert.IsTrue(epochs.All(e => e.TotalMs <= 2000 && e.OnsetMs < 250 && e.DelayMs < 500 && e.DecisionMs < 250));
        // Onset ~ U(0, 250): mean 125, sd 72.2.
        Assert.AreEqual(125, epochs.Average(e => e.OnsetMs), 4 * 72.2 / Math.Sqrt(400));
        Assert.Throws<ConfigException>(() => new DelayedDiscriminationTask(new DiscriminationTiming(DelayMs: 1900, OnsetMs: 200)));
    }

    [TestMethod]
    public void MatchToCategoryChannelAnglesIncludeBothEndsAndBumpsWrap()
    {
        var task = new MatchToCategoryTask();
        Assert.AreEqual(0.0, task.ChannelAngles[0]);
        Assert.AreEqual(2 * Math.PI, task.ChannelAngles[15], 1e-12);
        Assert.AreEqual(2 * Math.PI / 15, task.ChannelAngles[1], 1e-12);
        Assert.AreEqual(task.ChannelInput(0, 1.234), task.ChannelInput(15, 1.234), 1e-12, "first and last channel coincide");
        Assert.AreEqual(0.3989423, task.ChannelInput(3, 3 * 2 * Math.PI / 15), 1e-7);        // 1/sqrt(2π)
        Assert.AreEqual(Math.Exp(-0.005) / Math.Sqrt(2 * Math.PI), task.ChannelInput(0, 2 * Math.PI - 0.1), 1e-12); // d wraps to 0.1
        Assert.AreEqual(Math.Exp(-Math.PI * Math.PI / 2) / Math.Sqrt(2 * Math.PI), task.ChannelInput(0, Math.PI), 1e-12);
        Assert.AreEqual(0, MatchToCategoryTask.ConditionFor(3.0, 2).Category);
        Assert.AreEqual(1, MatchToCategoryTask.ConditionFor(3.2, 2).Category);
        Assert.AreEqual(2, MatchToCategoryTask.ConditionFor(4.3, 3).Category);
        Assert.Throws<ConfigException>(() => new MatchToCategoryTask(trialMs: 1500));
    }

    [TestMethod]
    public void MatchToCategoryWindowsAndNoise()
    {
        var task = new MatchToCategoryTask();
        Assert.AreEqual(0.005, MatchToCategoryTask.NoiseStd(10f), 1e-15); // 0.1/(2·10)
        var b = task.Forced([MatchToCategoryTask.ConditionFor(3.5, 2)], TaskTiming.Test, 10f, new RandomStream(6));
        Assert.AreEqual(200, b.Steps);
        for (int k = 0; k < 200; k++)
        {
            Assert.AreEqual(k >= 120 ? 1f : 0f, b.Mask[b.OutputIndex(0, k, 0)], $"mask at {k}");
            Assert.AreEqual(1f, b.Targets[b.OutputIndex(0, k, 1)]); Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, k, 0)]);
        }
        // Stimulus [200, 1200) → k = 20..119: the bump plus noise of std 0.005.
        Assert.AreEqual(task.ChannelInput(8, 3.5), b.Inputs[b.InputIndex(0, 20, 8)], 6 * 0.005);
        Assert.AreEqual(task.ChannelInput(8, 3.5), b.Inputs[b.InputIndex(0, 119, 8)], 6 * 0.005);
        Assert.AreEqual(0.0, b.Inputs[b.InputIndex(0, 19, 8)], 6 * 0.005);
        Assert.AreEqual(0.0, b.Inputs[b.InputIndex(0, 120, 8)], 6 * 0.005);
        var pure = new List<float>();
        var many = task.TrainingBatch(40, 10f, new RandomStream(7));
        for (int t = 0; t < many.BatchSize; t++)
            for (int k = 0; k < 20; k++)
                for (int i = 0; i < 16; i++) pure.Add(many.Inputs[many.InputIndex(t, k, i)]);
        AssertNoiseStd(pure, 0.005, "match-to-category noise");
    }
}
