using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Tests.Support;

namespace EiRnn.Tasks.Tests;

/// <summary>The contract every registered task must keep (neurogym-style: one test class over all tasks).</summary>
[TestClass]
public sealed class TaskContractTests
{
    private const float Dt = 20f;

    public static IEnumerable<object[]> TaskNames => TaskRegistry.BuiltIn().Names.Select(n => new object[] { n });

    private static ICognitiveTask Create(string name) => TaskRegistry.BuiltIn().Create(name);

    [TestMethod]
    public void RegistryHoldsTheTenDesignNames()
    {
        string[] expected = ["rdm-fixed", "rdm-variable", "rdm-rt", "mante", "multisensory", "romo", "sequence",
            "perceptual-discrimination", "delayed-discrimination", "match-to-category"];
        CollectionAssert.AreEquivalent(expected, TaskRegistry.BuiltIn().Names.ToArray());
        foreach (var n in expected) Assert.AreEqual(n, Create(n).Description.Name);
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void BatchShapesPeriodsAndColumnsAreConsistent(string name)
    {
        var task = Create(name);
        var d = task.Description;
        var batch = task.TrainingBatch(24, Dt, new RandomStream(1));
        Assert.AreEqual(24, batch.BatchSize);
        Assert.AreEqual(d.InputNames.Count, batch.InputCount);
        Assert.AreEqual(d.OutputNames.Count, batch.OutputCount);
        Assert.AreEqual(batch.BatchSize * batch.Steps * batch.InputCount, batch.Inputs.Length);
        Assert.AreEqual(batch.BatchSize * batch.Steps * batch.OutputCount, batch.Targets.Length);
        Assert.AreEqual(batch.Targets.Length, batch.Mask.Length);
        Assert.AreEqual(batch.TrialSteps.Max(), batch.Steps);
        var columns = task.ConditionColumns;
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var written = ColumnRecorder.Of(batch.Conditions[b]);
            CollectionAssert.AreEqual(columns.Select(c => (c.Name, c.Kind)).ToArray(), written.Select(c => (c.Name, c.Kind)).ToArray(), "columns in declared order and kind");
            foreach (var p in batch.Periods[b])
            {
                Assert.IsTrue(p.StartMs >= 0 && p.StartMs <= p.EndMs && p.EndMs <= batch.TrialSteps[b] * Dt + 1e-9, $"period {p} inside trial {b}");
                if (!batch.Conditions[b].IsCatch) CollectionAssert.Contains(d.PeriodNames.ToArray(), p.Name);
            }
            if (!batch.Conditions[b].IsCatch)
                CollectionAssert.AreEqual(d.PeriodNames.ToArray(), batch.Periods[b].Select(p => p.Name).ToArray(), "every period, in order");
        }
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void MaskIsBinaryAndPaddingIsMaskedAndEmpty(string name)
    {
        var task = Create(name);
        var batch = task.TrainingBatch(32, Dt, new RandomStream(2));
        foreach (var m in batch.Mask) Assert.IsTrue(m == 0f || m == 1f, $"mask value {m}");
        Assert.IsTrue(batch.Mask.Any(m => m == 1f), "some samples count");
        for (int b = 0; b < batch.BatchSize; b++)
            for (int k = batch.TrialSteps[b]; k < batch.Steps; k++)
            {
                for (int o = 0; o < batch.OutputCount; o++) Assert.AreEqual(0f, batch.Mask[batch.OutputIndex(b, k, o)]);
                for (int i = 0; i < batch.InputCount; i++) Assert.AreEqual(0f, batch.Inputs[batch.InputIndex(b, k, i)]);
            }
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void SameSeedGivesIdenticalBatchesAndDifferentSeedsDiffer(string name)
    {
        var task = Create(name);
        var a = task.TrainingBatch(16, Dt, new RandomStream(7));
        var b = task.TrainingBatch(16, Dt, new RandomStream(7));
        var c = task.TrainingBatch(16, Dt, new RandomStream(8));
        CollectionAssert.AreEqual(a.Inputs, b.Inputs);
        CollectionAssert.AreEqual(a.Targets, b.Targets);
        CollectionAssert.AreEqual(a.Mask, b.Mask);
        CollectionAssert.AreEqual(a.Conditions.ToArray(), b.Conditions.ToArray());
        for (int i = 0; i < a.BatchSize; i++) CollectionAssert.AreEqual(a.Periods[i].ToArray(), b.Periods[i].ToArray());
        bool differs = a.Steps != c.Steps || !a.Inputs.SequenceEqual(c.Inputs) || !a.Conditions.SequenceEqual(c.Conditions);
        Assert.IsTrue(differs, "another seed gives other trials");

        var v1 = task.ValidationBatch(30, Dt, new RandomStream(3));
        var v2 = task.ValidationBatch(30, Dt, new RandomStream(3));
        CollectionAssert.AreEqual(v1.Inputs, v2.Inputs);
        CollectionAssert.AreEqual(v1.Conditions.ToArray(), v2.Conditions.ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void EveryTestConditionAppearsWhenForced(string name)
    {
        var task = Create(name);
        var wanted = task.EachCondition(2);
        Assert.AreEqual(2 * task.TestConditions.Count, wanted.Count);
        var batch = task.Forced(wanted, TaskTiming.Test, Dt, new RandomStream(4));
        Assert.AreEqual(wanted.Count, batch.BatchSize);
        for (int i = 0; i < wanted.Count; i++)
        {
            Assert.IsFalse(batch.Conditions[i].IsCatch);
            var template = ColumnRecorder.Of(wanted[i]);
            var actual = ColumnRecorder.Of(batch.Conditions[i]);
            for (int c = 0; c < template.Count; c++)
            {
                if (template[c].Value is null) continue; // drawn when the trial is built
                Assert.AreEqual(template[c].Value, actual[c].Value, $"trial {i} column {template[c].Name}");
            }
        }
        // The test set names each condition once.
        var keys = task.TestConditions.Select(c => string.Join("|", ColumnRecorder.Of(c).Select(x => x.Value))).ToArray();
        Assert.AreEqual(keys.Length, keys.Distinct().Count(), "test conditions are distinct");
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void CatchFractionOfALargeBatchLiesInThe999PercentBinomialInterval(string name)
    {
        var task = Create(name);
        const int n = 2000;
        var batch = task.TrainingBatch(n, Dt, new RandomStream(5));
        int catches = batch.Conditions.Count(c => c.IsCatch);
        var (lo, hi) = BinomialInterval.Central(n, task.Description.CatchProbability, 0.999);
        Assert.IsTrue(catches >= lo && catches <= hi, $"{catches} catch trials of {n}, expected {lo}..{hi} for p = {task.Description.CatchProbability}");

        if (task.Description.Defaults.Preset != Preset.Pycog) return;
        for (int b = 0; b < n; b++)
        {
            if (!batch.Conditions[b].IsCatch) continue;
            for (int k = 0; k < batch.TrialSteps[b]; k++)
            {
                for (int i = 0; i < batch.InputCount; i++) Assert.AreEqual(0f, batch.Inputs[batch.InputIndex(b, k, i)], "catch: u_task exactly 0");
                for (int o = 0; o < batch.OutputCount; o++)
                {
                    Assert.AreEqual(1f, batch.Mask[batch.OutputIndex(b, k, o)], "catch: mask 1 throughout");
                    Assert.AreEqual(0.2f, batch.Targets[batch.OutputIndex(b, k, o)], "catch: both targets lo");
                }
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void InputsAreNonNegativeWhereTheTaskSaysSo(string name)
    {
        var task = Create(name);
        var batch = task.TrainingBatch(64, Dt, new RandomStream(6));
        bool anyNegative = batch.Inputs.Any(u => u < 0);
        if (task.Description.InputsNonNegative) Assert.IsFalse(anyNegative, "pycog inputs are never negative");
        else Assert.IsTrue(anyNegative, "PsychRNN tasks carry their own zero-mean noise");
        Assert.AreEqual(task.Description.Defaults.Preset == Preset.Pycog, task.Description.InputsNonNegative);
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void IdealOutputScoresFullMarksAndTheOppositeScoresNone(string name)
    {
        var task = Create(name);
        var d = task.Description;
        bool regression = d.Criterion.Metric == TaskMetric.Rmse;
        int n = 2 * (task.TestConditions.Count + 1);
        foreach (var batch in new[]
        {
            task.ValidationBatch(n, Dt, new RandomStream(9)),
            task.Forced(task.EachCondition(1), TaskTiming.Test, Dt, new RandomStream(10)),
        })
        {
            var ideal = SyntheticOutputs.Ideal(batch);
            var opposite = SyntheticOutputs.Opposite(batch, regression);
            double best = task.Performance(batch, ideal), worst = task.Performance(batch, opposite);
            if (regression)
            {
                Assert.AreEqual(0, best, 1e-12);
                Assert.IsGreaterThan(0.25, worst);
            }
            else
            {
                Assert.AreEqual(1.0, best, 1e-12);
                Assert.AreEqual(0.0, worst, 1e-12);
            }
            Assert.IsTrue(d.Criterion.IsMet(Enumerable.Repeat(best, 5).ToArray()), "ideal output meets the criterion");
            Assert.IsFalse(d.Criterion.IsMet(Enumerable.Repeat(worst, 5).ToArray()), "opposite output fails it");

            var good = task.Score(batch, ideal);
            var bad = task.Score(batch, opposite);
            for (int b = 0; b < batch.BatchSize; b++)
            {
                if (batch.Conditions[b].IsCatch) { Assert.IsNull(good[b].Correct); Assert.IsNull(good[b].Choice); continue; }
                if (good[b].Correct is null) continue; // undefined (zero coherence)
                Assert.IsTrue(good[b].Correct, $"trial {b} ideal");
                Assert.IsFalse(bad[b].Correct, $"trial {b} opposite");
                if (batch.Conditions[b] is IChoiceCondition { CorrectChoice: int right }) Assert.AreEqual(right, good[b].Choice);
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(TaskNames))]
    public void DescriptionIsComplete(string name)
    {
        var d = Create(name).Description;
        Assert.IsGreaterThan(0, d.InputNames.Count);
        Assert.IsGreaterThan(0, d.OutputNames.Count);
        Assert.IsGreaterThan(0, d.PeriodNames.Count);
        Assert.IsTrue(d.CatchProbability is >= 0 and < 1);
        Assert.IsGreaterThan(0, d.Defaults.N);
        Assert.IsGreaterThan(0, d.Defaults.BatchSize);
        Assert.IsGreaterThan(0, d.Defaults.ValidationTrials);
        Assert.IsGreaterThan(0f, d.Defaults.DtTrainMs);
    }
}
