using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Files;

namespace EiRnn.Tasks.Tests;

/// <summary>Every file of examples/tasks (docs/task-files.md) parses, builds training, validation and test batches,
/// and scores its own targets as all correct.</summary>
[TestClass]
public sealed class TaskFileExampleTests
{
    public static IEnumerable<object[]> Examples() =>
        Directory.GetFiles(Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void AtLeastSixExamples() => Assert.IsGreaterThanOrEqualTo(6, Examples().Count());

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void ExampleBuildsBatchesAndScoresItsTargetsAsCorrect(string file)
    {
        string text = File.ReadAllText(Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks", file));
        TaskFiles.Parse(text, file);
        var task = TaskFiles.Create(text, file);
        Assert.AreEqual("file:" + Path.GetFileNameWithoutExtension(file), task.Description.Name, "the file's name is its task name");
        float dt = task.Description.Defaults.DtTrainMs;
        var rng = new RandomStream(3);
        foreach (var batch in new[]
                 {
                     task.TrainingBatch(40, dt, rng), task.ValidationBatch(2 * (task.TestConditions.Count + 1), dt, rng),
                     task.Forced(task.EachCondition(3), TaskTiming.Test, dt, rng),
                 })
        {
            Assert.IsTrue(batch.Inputs.All(float.IsFinite) && batch.Targets.All(float.IsFinite));
            Assert.IsTrue(batch.Mask.Any(m => m != 0), $"{file}: some mask");
            var outcomes = task.Score(batch, batch.Targets);
            for (int b = 0; b < batch.BatchSize; b++)
            {
                var c = (IChoiceCondition)batch.Conditions[b];
                if (c.IsCatch || c.CorrectChoice is null) { Assert.IsNull(outcomes[b].Correct, $"{file}: trial {b} ({c})"); continue; }
                bool masked = Enumerable.Range(0, batch.Steps * batch.OutputCount).Any(i => batch.Mask[b * batch.Steps * batch.OutputCount + i] != 0);
                if (outcomes[b].Choice is null && !masked) continue; // an empty decision window (a drawn epoch shorter than dt): no answer
                Assert.IsTrue(outcomes[b].Correct, $"{file}: trial {b} ({c}) scored {outcomes[b]} on its own targets");
            }
            var columns = Support.ColumnRecorder.Of(batch.Conditions[0]).Select(x => x.Name).ToArray();
            CollectionAssert.AreEqual(task.ConditionColumns.Select(x => x.Name).ToArray(), columns);
        }
        if (task is ITrialDurationBound bound)
        {
            var test = task.Forced(task.EachCondition(5), TaskTiming.Test, dt, rng);
            Assert.IsLessThanOrEqualTo(TrialAssembler.StepsFor(bound.MaxTrialMs(TaskTiming.Test), dt), test.Steps);
        }
    }

    [TestMethod]
    public void ParametersComeFromTaskOptions()
    {
        string text = File.ReadAllText(Path.Combine(TaskFileTestPaths.Root(), "examples", "tasks", "go-no-go.json"));
        var registry = TaskRegistry.BuiltIn();
        string name = TaskFiles.Register(registry, text, "go-no-go.json");
        var options = registry.Definition(name).Options();
        CollectionAssert.AreEqual(new[] { "delay_ms", "go_probability" }, options.Select(o => o.Key).ToArray());
        var task = registry.Create(name, System.Text.Json.JsonDocument.Parse("""{ "delay_ms": 100 }""").RootElement);
        var b = task.Forced(task.TestConditions, TaskTiming.Test, 20f, new RandomStream(1));
        Assert.AreEqual(800.0, b.Periods[0][^1].EndMs, 1e-9);
        var e = Assert.ThrowsExactly<Core.Errors.ConfigException>(() =>
            registry.Create(name, System.Text.Json.JsonDocument.Parse("""{ "delay": 100 }""").RootElement));
        Assert.AreEqual("task_options.delay", e.Field);
        e = Assert.ThrowsExactly<Core.Errors.ConfigException>(() =>
            registry.Create(name, System.Text.Json.JsonDocument.Parse("""{ "go_probability": 1.5 }""").RootElement));
        Assert.AreEqual("task_options.go_probability", e.Field);
    }
}
