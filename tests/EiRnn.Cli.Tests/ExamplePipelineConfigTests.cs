using EiRnn.Cli.Pipeline;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;
using EiRnn.Training;

namespace EiRnn.Cli.Tests;

/// <summary>
/// data/pipelines/*.json, the ready-to-use pipeline configs: one per task (the task names of docs/tasks.md), each parses,
/// resolves to its task's recipe and stays small enough to simulate in minutes. They are not run here.
/// </summary>
[TestClass]
public sealed class ExamplePipelineConfigTests
{
    private static readonly string[] TaskNames =
    [
        "rdm-fixed", "rdm-variable", "rdm-rt", "mante", "multisensory", "romo", "sequence",
        "perceptual-discrimination", "delayed-discrimination", "match-to-category",
    ];

    private static string Folder => Path.Combine(SchemaTests.RepoRoot(), "data", "pipelines");

    private static IEnumerable<string> Files => Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    [TestMethod]
    public void EveryTaskHasOne()
    {
        foreach (string task in TaskNames)
        {
            string file = Path.Combine(Folder, task + ".json");
            Assert.IsTrue(File.Exists(file), $"data/pipelines/{task}.json is missing");
            var config = PipelineRunner.Load(file);
            Assert.AreEqual(task, config.Train.Task, file);
            Assert.AreEqual($"runs/{task}", config.Out, file);
        }
    }

    [TestMethod]
    public void EachParsesResolvesAndSimulatesInMinutes()
    {
        var registry = TaskRegistry.BuiltIn();
        foreach (string file in Files)
        {
            string name = Path.GetFileName(file);
            var config = PipelineRunner.Load(file);
            var train = TrainConfigResolver.Resolve(config.Train.Config?.GetRawText(), config.Train.Task, config.Train.Seed, registry, name);
            Assert.IsTrue(config.Train.MaxWallSeconds is > 0 and <= 4 * 3600, $"{name}: training needs a cap of at most 4 hours");
            Assert.AreEqual(NetworkArch.EiRnn, train.Architecture, name);

            var task = registry.Create(train.Task, train.TaskOptions);
            var s = config.Simulate;
            // docs/model.md#euler-discretisation: pycog networks are tested at 0.5 ms; the PsychRNN tasks' own input noise is defined per
            // step of their training dt, so they are simulated at that dt.
            double expectedDt = task.Description.Defaults.Preset == Preset.Psychrnn ? train.DtMs : 0.5;
            Assert.AreEqual(expectedDt, s.DtMs, $"{name}: simulate.dt_ms");

            // Size: one trial per test condition at the config's dt gives the steps; all trials × steps × N.
            var batch = task.Forced(task.TestConditions, TaskTiming.Test, s.DtMs, new RandomStream(1));
            double trialSteps = batch.TrialSteps.Sum() * (double)s.TrialsPerCondition;
            double unitSteps = trialSteps * train.Network.N;
            double savedRates = s.SaveRates ? trialSteps * s.DtMs / s.DtSaveMs * train.Network.N : 0;
            Assert.IsTrue(unitSteps is > 1e7 and < 1e10, $"{name}: {unitSteps:G3} unit-steps (a few minutes at ~50-150 M/s)");
            Assert.IsLessThan(1e8, savedRates, $"{name}: {savedRates:G3} saved rate values");
        }
    }

    [TestMethod]
    public void ManteAreasSetsTheTwoAreaNetwork()
    {
        var config = PipelineRunner.Load(Path.Combine(Folder, "mante-areas.json"));
        var train = TrainConfigResolver.Resolve(config.Train.Config?.GetRawText(), config.Train.Task, config.Train.Seed, TaskRegistry.BuiltIn());
        Assert.AreEqual(ConnectivityStructure.ManteAreas, train.Rate.Structure);
    }

    [TestMethod]
    public void ReadmeListsEveryOne()
    {
        string readme = File.ReadAllText(Path.Combine(SchemaTests.RepoRoot(), "README.md"));
        foreach (string file in Files)
            StringAssert.Contains(readme, $"`data/pipelines/{Path.GetFileName(file)}`", "README.md's table of example pipelines");
    }
}
