using EiRnn.Core.Checkpoints;
using EiRnn.Tasks;
using EiRnn.Tasks.Files;
using EiRnn.TestSupport;

namespace EiRnn.Training.Tests;

/// <summary>
/// Training on an example task file (docs/task-files.md#equivalence) and on the built-in task it reproduces, same
/// seed, two updates: bitwise identical weights, optimiser state and random streams.
/// </summary>
[TestClass]
public sealed class TaskFileTrainingTests
{
    [TestMethod]
    [DataRow("rdm-fixed")]
    [DataRow("perceptual-discrimination")]
    [DataRow("delayed-discrimination")]
    public void TwoUpdatesOnTheFileEqualTwoUpdatesOnTheBuiltInTask(string name)
    {
        string text = File.ReadAllText(RepositoryPaths.Of("examples", "tasks", name + ".json"));
        var registry = TaskRegistry.BuiltIn();
        string fileName = TaskFiles.Register(registry, text, name + ".json");
        Assert.AreEqual("file:" + name, fileName);
        // Small enough to be quick; the task's own recipe otherwise (preset, dt, noise, batch).
        const string json = """{ "network": { "type": "rate", "n": 12 }, "batch_size": 6, "validation_trials": 8, "validation_every": 1 }""";

        Checkpoint Train(string task)
        {
            var config = TrainConfigResolver.Resolve(json, task, 5, registry);
            using var t = Trainer.Start(TrainConfigResolver.Setup(config, registry));
            TinyNetworks.Advance(t, 2);
            return t.CreateCheckpoint(best: false, false, 0);
        }
        var builtIn = Train(name);
        var file = Train(fileName);
        ReproducibilityTests.AssertSameState(builtIn, file);
        Assert.AreEqual(2, file.Header.Updates);
        Assert.AreEqual(text, file.Header.Record.TaskFile, "the checkpoint carries the task file");
        Assert.IsNull(builtIn.Header.Record.TaskFile);
    }
}
