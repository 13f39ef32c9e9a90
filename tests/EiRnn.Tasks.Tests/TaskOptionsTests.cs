using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Curricula;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

/// <summary>task_options: parsed into each task's typed options record at the edge; errors name the key.</summary>
[TestClass]
public sealed class TaskOptionsTests
{
    private static readonly TaskRegistry Registry = TaskRegistry.BuiltIn();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string FieldOf(string task, string options) =>
        Assert.ThrowsExactly<ConfigException>(() => Registry.Create(task, Json(options))).Field;

    [TestMethod]
    public void ValidOptionsReachTheTask()
    {
        var m2c = Registry.Create("match-to-category", Json("""{ "n_in": 8, "n_out": 3 }"""));
        Assert.AreEqual(8, m2c.Description.InputNames.Count);
        Assert.AreEqual(3, m2c.Description.OutputNames.Count);

        var pd = Registry.Create("perceptual-discrimination", Json("""{ "coherences": [0.7], "trial_ms": 1000 }"""));
        var batch = pd.TrainingBatch(40, 10f, new RandomStream(3));
        Assert.IsTrue(batch.Conditions.Cast<PerceptualDiscriminationCondition>().All(c => c.Coherence == 0.7));
        Assert.AreEqual(100, batch.Steps, "ceil(1000 ms / 10 ms) samples");

        Assert.AreEqual(ConnectivityStructure.ManteAreas, Registry.Create("mante", Json("""{ "areas": true }""")).Description.Defaults.Structure);
        Assert.AreEqual(ConnectivityStructure.Dense, Registry.Create("mante").Description.Defaults.Structure);
        Assert.IsTrue(Registry.Create("multisensory", Json("""{ "connect_start_cue": true }""")).Description.Defaults.ConnectStartCue);
        Assert.IsFalse(Registry.Create("multisensory").Description.Defaults.ConnectStartCue);

        var dd = (DelayedDiscriminationTask)Registry.Create("delayed-discrimination", Json("""{ "delay_ms": 300, "onset_ms": 100 }"""));
        Assert.AreEqual((300.0, 100.0), (dd.Timing.DelayMs, dd.Timing.OnsetMs));
    }

    [TestMethod]
    [DataRow("match-to-category", """{ "n_inputs": 8 }""", "task_options.n_inputs")]
    [DataRow("mante", """{ "area": true }""", "task_options.area")]
    [DataRow("rdm-fixed", """{ "areas": true }""", "task_options.areas")]
    public void UnknownKeyIsRejectedByName(string task, string options, string field) =>
        Assert.AreEqual(field, FieldOf(task, options));

    [TestMethod]
    [DataRow("perceptual-discrimination", """{ "coherences": [0.5, 1.5] }""", "task_options.coherences")]
    [DataRow("perceptual-discrimination", """{ "coherences": [] }""", "task_options.coherences")]
    [DataRow("perceptual-discrimination", """{ "trial_ms": 0 }""", "task_options.trial_ms")]
    [DataRow("match-to-category", """{ "n_in": 1 }""", "task_options.n_in")]
    [DataRow("match-to-category", """{ "n_out": 1 }""", "task_options.n_out")]
    [DataRow("match-to-category", """{ "trial_ms": 1999 }""", "task_options.trial_ms")]
    [DataRow("delayed-discrimination", """{ "delay_ms": -1 }""", "task_options.delay_ms")]
    [DataRow("mante", """{ "areas": "yes" }""", "task_options.areas")]
    public void OutOfRangeOrMistypedValueIsRejectedByName(string task, string options, string field) =>
        Assert.AreEqual(field, FieldOf(task, options));

    [TestMethod]
    public void ErrorsNameTheFieldPathTheCallerGives()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() =>
            Registry.Create("match-to-category", Json("""{ "n_in": 0 }"""), "curriculum.stages[2].task_options"));
        Assert.AreEqual("curriculum.stages[2].task_options.n_in", e.Field);
        StringAssert.Contains(e.Message, ">= 2");
    }

    [TestMethod]
    public void NormaliseFillsInEveryDefault()
    {
        var full = Registry.Definition("match-to-category").Normalise(Json("""{ "n_in": 8 }"""));
        Assert.AreEqual("""{"n_in":8,"n_out":2,"trial_ms":2000}""", full.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        Assert.AreEqual("{}", Registry.Definition("romo").Normalise(null).GetRawText());
    }

    [TestMethod]
    public void EveryTaskListsItsOptionsWithDefaults()
    {
        var m2c = Registry.Definition("match-to-category").Options();
        CollectionAssert.AreEqual(new[] { "n_in", "n_out", "trial_ms" }, m2c.Select(o => o.Key).ToArray());
        CollectionAssert.AreEqual(new[] { "16", "2", "2000" }, m2c.Select(o => o.DefaultJson).ToArray());
        Assert.AreEqual("integer", m2c[0].Type);
        var pd = Registry.Definition("perceptual-discrimination").Options();
        Assert.AreEqual("[0.1,0.3,0.5,0.7]", pd.Single(o => o.Key == "coherences").DefaultJson.Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        Assert.AreEqual("false", Registry.Definition("mante").Options().Single().DefaultJson);
        Assert.IsEmpty(Registry.Definition("rdm-fixed").Options());
        foreach (var name in Registry.Names)
            foreach (var o in Registry.Definition(name).Options())
                Assert.IsFalse(string.IsNullOrWhiteSpace(o.Description), $"{name}.{o.Key} has no description");
    }

    [TestMethod]
    public void StageMetricMustBeTheTasksOwnOrRmse()
    {
        var pd = new PerceptualDiscriminationTask([0.7]);
        var e = Assert.ThrowsExactly<ConfigException>(() => new Curriculum([new CurriculumStage("a", pd, TaskMetric.PercentCorrect, 0.9)]));
        Assert.AreEqual("curriculum.stages[0].metric", e.Field);
        var rmse = new CurriculumStage("b", pd, TaskMetric.Rmse, 0.3);
        Assert.HasCount(1, new Curriculum([rmse]).Stages);
        Assert.IsTrue(rmse.Passes(0.3)); Assert.IsFalse(rmse.Passes(0.3001), "RMSE passes at or below its threshold");
    }

    [TestMethod]
    public void RegisteringANameTwiceIsATaskError()
    {
        var r = TaskRegistry.BuiltIn();
        var e = Assert.ThrowsExactly<TaskException>(() => r.Register(Options.TaskDefinition.Of("rdm-fixed", () => new RdmFixedTask())));
        StringAssert.Contains(e.Message, "'rdm-fixed'");
    }
}
