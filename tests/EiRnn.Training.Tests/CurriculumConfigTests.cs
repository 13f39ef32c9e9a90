using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Training.Tests;

/// <summary>task_options and curriculum in a train config: typed, validated at the edge, stored back complete.</summary>
[TestClass]
public sealed class CurriculumConfigTests
{
    private static readonly TaskRegistry Registry = TaskRegistry.BuiltIn();
    private const string Pd = "perceptual-discrimination";

    private static string FieldOf(string json, string task = Pd) =>
        Assert.ThrowsExactly<ConfigException>(() => TrainConfigResolver.Resolve(json, task, null, Registry)).Field;

    [TestMethod]
    public void StagesInheritTheRunsOptionsAndOverrideTheirOwn()
    {
        var c = TrainConfigResolver.Resolve("""
            { "task_options": { "trial_ms": 1500 },
              "curriculum": { "stages": [ { "task_options": { "coherences": [0.7] } }, { "name": "last", "threshold": 0.95 } ] } }
            """, Pd, null, Registry);
        var setup = TrainConfigResolver.Setup(c, Registry);
        var stage0 = (PerceptualDiscriminationTask)setup.Curriculum!.Stages[0].Task;
        var stage1 = (PerceptualDiscriminationTask)setup.Curriculum.Stages[1].Task;
        CollectionAssert.AreEqual(new[] { 0.7 }, stage0.Coherences.ToArray());
        Assert.AreEqual((1500.0, 1500.0), (stage0.TrialMs, stage1.TrialMs), "the run's trial_ms reaches every stage");
        CollectionAssert.AreEqual(PerceptualDiscriminationTask.DefaultCoherences.ToArray(), stage1.Coherences.ToArray());
        Assert.AreEqual(("stage 0", "last", 0.9, 0.95), (setup.Curriculum.Stages[0].Name, setup.Curriculum.Stages[1].Name,
            setup.Curriculum.Stages[0].Threshold, setup.Curriculum.Stages[1].Threshold));
        Assert.AreEqual((10, AfterLastStage.Stop), (setup.Curriculum.MetricEveryBatches, setup.Curriculum.AfterLastStage), "PsychRNN defaults");
        Assert.AreEqual(TaskMetric.Accuracy, setup.Curriculum.Stages[0].Metric);
        // Stored back complete: the resolved config names every stage's task, metric and options.
        var stored = c.Curriculum!.Stages[0];
        Assert.AreEqual((Pd, "accuracy"), (stored.Task, stored.Metric));
        Assert.AreEqual(1500, stored.TaskOptions!.Value.GetProperty("trial_ms").GetDouble());
        Assert.AreEqual(1500, c.TaskOptions!.Value.GetProperty("trial_ms").GetDouble());
        Assert.AreEqual(4, c.TaskOptions.Value.GetProperty("coherences").GetArrayLength(), "the run's own options keep their defaults");
    }

    [TestMethod]
    [DataRow("""{ "curriculum": { "stages": [ { "task_options": { "coherence": [0.5] } } ] } }""", "curriculum.stages[0].task_options.coherence")]
    [DataRow("""{ "curriculum": { "stages": [ {}, { "task_options": { "coherences": [2] } } ] } }""", "curriculum.stages[1].task_options.coherences")]
    [DataRow("""{ "curriculum": { "stages": [ { "thresold": 0.8 } ] } }""", "curriculum.stages[0].thresold")]
    [DataRow("""{ "curriculum": { "stages": [ { "threshold": 1.5 } ] } }""", "curriculum.stages[0].threshold")]
    [DataRow("""{ "curriculum": { "stages": [ { "metric": "percent_correct" } ] } }""", "curriculum.stages[0].metric")]
    [DataRow("""{ "curriculum": { "stages": [ { "task": "mante" } ] } }""", "curriculum.stages[0].task")]
    [DataRow("""{ "curriculum": { "stages": [ { "task": "no-such-task" } ] } }""", "curriculum.stages[0].task")]
    [DataRow("""{ "curriculum": { "stages": [] } }""", "curriculum.stages")]
    [DataRow("""{ "curriculum": { "stages": [ {} ], "metric_every_batches": 0 } }""", "curriculum.metric_every_batches")]
    [DataRow("""{ "curriculum": { "stages": [ {} ], "after_last_stage": "rest" } }""", "curriculum.after_last_stage")]
    [DataRow("""{ "task_options": { "coherences": [-0.1] } }""", "task_options.coherences")]
    [DataRow("""{ "task_options": [0.1] }""", "task_options")]
    public void BadCurriculumOrTaskOptionsAreRejectedByName(string json, string field) => Assert.AreEqual(field, FieldOf(json));

    [TestMethod]
    public void TaskOptionsChangeTheNetworkRecipeAndAConfigKeyStillWins()
    {
        var areas = TrainConfigResolver.Resolve("""{ "task_options": { "areas": true } }""", "mante", null, Registry);
        Assert.AreEqual(ConnectivityStructure.ManteAreas, areas.Rate.Structure);
        var dense = TrainConfigResolver.Resolve("""{ "task_options": { "areas": true }, "network": { "type": "rate", "structure": "dense" } }""", "mante", null, Registry);
        Assert.AreEqual(ConnectivityStructure.Dense, dense.Rate.Structure);
        var cue = TrainConfigResolver.Resolve("""{ "task_options": { "connect_start_cue": true } }""", "multisensory", null, Registry);
        Assert.IsTrue(cue.Rate.ConnectStartCue);
        var m2c = TrainConfigResolver.Resolve("""{ "task_options": { "n_in": 8 } }""", "match-to-category", null, Registry);
        var setup = TrainConfigResolver.Setup(m2c, Registry);
        Assert.AreEqual(8, setup.Task.Description.InputNames.Count);
        Assert.AreEqual(8, NetworkAssembly.Build(m2c, setup.Task.Description).Spec.Nin);
    }

    [TestMethod]
    public void TheModelRecordCarriesTheTaskOptions()
    {
        var c = TrainConfigResolver.Resolve("""{ "task_options": { "n_in": 6 }, "network": { "type": "rate", "n": 8 }, "validation_trials": 2 }""", "match-to-category", null, Registry);
        using var t = Trainer.Start(TrainConfigResolver.Setup(c, Registry));
        var options = t.Record(converged: false).TaskOptions!.Value;
        Assert.AreEqual(6, options.GetProperty("n_in").GetInt32());
        // Rebuilding the task from the record gives the same task (what simulate does with a model file).
        Assert.AreEqual(6, Registry.Create("match-to-category", options).Description.InputNames.Count);
        Assert.AreEqual(JsonValueKind.Object, options.ValueKind);
    }
}
