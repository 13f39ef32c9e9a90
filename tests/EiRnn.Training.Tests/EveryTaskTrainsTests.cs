using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Tasks;

namespace EiRnn.Training.Tests;

/// <summary>
/// Issue B's CI check: every registered task trains through the same trainer with a tiny network, and its
/// loss falls. (Training to criterion is done outside CI.) Dense connectivity and a coarse dt keep it fast;
/// a larger Adam step makes 60 updates enough to see learning above the trial-to-trial noise.
/// </summary>
[TestClass]
public sealed class EveryTaskTrainsTests
{
    public static IEnumerable<object[]> Tasks => TaskRegistry.BuiltIn().Names.Select(n => new object[] { n });

    [TestMethod]
    [DynamicData(nameof(Tasks))]
    public void LossFallsByAFifthWithinAFewDozenUpdates(string name)
    {
        var task = TaskRegistry.BuiltIn().Create(name);
        var d = task.Description.Defaults;
        var config = TrainConfigResolver.Defaults(task.Description, d.Preset)
            .WithRate(r => r with { N = 16, Structure = ConnectivityStructure.Dense, LambdaOmega = 0 }) with
        {
            Task = name, DtMs = Math.Max(d.DtTrainMs, 25),
            BatchSize = d.Continuous ? 1 : 8, ValidationTrials = 8, ValidationEvery = 1000, Seed = 7,
            Optimiser = OptimiserKind.Adam, LearningRate = 0.01,
        };
        using var trainer = Trainer.Start(config.Validate(), task);
        // Online tasks (batch 1) see one trial per update, so they get more updates and wider averages.
        int updates = d.Continuous ? 400 : 60, window = updates / 6;
        var losses = new List<double>();
        for (int i = 0; i < updates; i++) losses.Add(trainer.Step().Loss);
        double first = losses.Take(window).Average(), last = losses.Skip(updates - window).Average();
        Assert.IsTrue(losses.All(double.IsFinite), $"{name}: non-finite loss");
        Assert.IsLessThan(0.8 * first, last, $"{name}: mean loss of the first {window} updates = {first:G4}, of the last {window} = {last:G4}");
    }
}
