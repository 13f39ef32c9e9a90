using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Curricula;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

[TestClass]
public sealed class CurriculumAndForcedTests
{
    [TestMethod]
    public void BuiltInPerceptualDiscriminationCurriculumHasFourCoherenceStages()
    {
        var c = Curriculum.PerceptualDiscrimination();
        Assert.AreEqual(1, c.MetricEveryBatches);
        double[] expected = [0.7, 0.5, 0.3, 0.1];
        Assert.HasCount(4, c.Stages);
        for (int i = 0; i < 4; i++)
        {
            var stage = c.Stages[i];
            Assert.AreEqual(0.9, stage.Threshold);
            Assert.AreEqual(TaskMetric.Accuracy, stage.Metric);
            var task = (PerceptualDiscriminationTask)stage.Task;
            CollectionAssert.AreEqual(new[] { expected[i] }, task.Coherences.ToArray());
            var b = stage.Task.TrainingBatch(20, 10f, new RandomStream((ulong)i));
            Assert.IsTrue(b.Conditions.Cast<PerceptualDiscriminationCondition>().All(x => x.Coherence == expected[i]));
            Assert.IsTrue(stage.Passes(0.9)); Assert.IsFalse(stage.Passes(0.8999));
        }
    }

    [TestMethod]
    public void CurriculumRejectsBadStagesNamingTheField()
    {
        var pd = new PerceptualDiscriminationTask();
        var e = Assert.Throws<ConfigException>(() => new Curriculum([new CurriculumStage("a", pd, TaskMetric.Accuracy, 1.5)]));
        Assert.AreEqual("curriculum.stages[0].threshold", e.Field);
        Assert.Throws<ConfigException>(() => new Curriculum([]));
        Assert.Throws<ConfigException>(() => new Curriculum([new CurriculumStage("a", pd, TaskMetric.Accuracy, 0.9)], metricEveryBatches: 0));
        var mixed = Assert.Throws<ConfigException>(() => new Curriculum([new CurriculumStage("a", pd, TaskMetric.Accuracy, 0.9),
            new CurriculumStage("b", new ManteTask(), TaskMetric.PercentCorrect, 0.9)]));
        Assert.AreEqual("curriculum.stages[1].task", mixed.Field);
    }

    [TestMethod]
    public void EachConditionCyclesTheTestSetAndSlicesAgree()
    {
        var task = new RomoTask();
        var list = task.EachCondition(3);
        Assert.HasCount(30, list);
        for (int i = 0; i < 30; i++) Assert.AreSame(task.TestConditions[i % 10], list[i]);
        CollectionAssert.AreEqual(list.Skip(7).Take(15).ToArray(), task.CyclicSlice(7, 15).ToArray());
        Assert.Throws<ConfigException>(() => task.EachCondition(0));
    }

    [TestMethod]
    public void ForcingAConditionOfAnotherTaskIsATaskError()
    {
        var e = Assert.Throws<TaskException>(() => new RomoTask().Forced([new RdmCondition(1, 1)], TaskTiming.Test, 20f, new RandomStream(1)));
        StringAssert.Contains(e.Message, "RomoCondition");
    }
}
