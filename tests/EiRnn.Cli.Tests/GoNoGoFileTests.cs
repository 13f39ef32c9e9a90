using System.Text.Json;

namespace EiRnn.Cli.Tests;

/// <summary>examples/tasks/go-no-go.json reproduces the C# example task examples/CustomTask (built next to these
/// tests) bit for bit, with its default options and with both options set.</summary>
[TestClass]
public sealed class GoNoGoFileTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow("""{ "delay_ms": 100, "go_probability": 0.3 }""")]
    public void GoNoGoFileEqualsTheCSharpExample(string? options)
    {
        var registry = Tasks.TaskRegistry.BuiltIn();
        Tasks.Plugins.TaskAssemblyLoader.RegisterAll(registry, [Path.Combine(AppContext.BaseDirectory, "GoNoGoTask.dll")]);
        string text = File.ReadAllText(Path.Combine(SchemaTests.RepoRoot(), "examples", "tasks", "go-no-go.json"));
        string name = Tasks.Files.TaskFiles.Register(registry, text, "go-no-go.json");
        JsonElement? o = options is null ? null : JsonDocument.Parse(options).RootElement;
        var (cs, file) = (registry.Create("go-no-go", o), registry.Create(name, o));
        foreach (float dt in new[] { 20f, 0.5f })
        {
            var (r1, r2) = (new Core.Random.RandomStream(11), new Core.Random.RandomStream(11));
            var pairs = new List<(Tasks.Contract.TrialBatch A, Tasks.Contract.TrialBatch B)>();
            for (int i = 0; i < 3; i++) pairs.Add((cs.TrainingBatch(20, dt, r1), file.TrainingBatch(20, dt, r2)));
            pairs.Add((cs.ValidationBatch(9, dt, r1), file.ValidationBatch(9, dt, r2)));
            pairs.Add((cs.Forced(Tasks.Contract.ForcedConditions.EachCondition(cs, 2), Tasks.Contract.TaskTiming.Test, dt, r1),
                       file.Forced(Tasks.Contract.ForcedConditions.EachCondition(file, 2), Tasks.Contract.TaskTiming.Test, dt, r2)));
            foreach (var (a, b) in pairs)
            {
                Assert.IsTrue(a.Inputs.AsSpan().SequenceEqual(b.Inputs) && a.Targets.AsSpan().SequenceEqual(b.Targets) && a.Mask.AsSpan().SequenceEqual(b.Mask), $"dt {dt}: arrays differ");
                for (int t = 0; t < a.BatchSize; t++)
                {
                    CollectionAssert.AreEqual(a.Periods[t].ToArray(), b.Periods[t].ToArray());
                    Assert.AreEqual(((Tasks.Contract.IChoiceCondition)a.Conditions[t]).CorrectChoice, ((Tasks.Contract.IChoiceCondition)b.Conditions[t]).CorrectChoice);
                }
            }
            Assert.AreEqual(r1.NextUInt64(), r2.NextUInt64());
        }
    }
}
