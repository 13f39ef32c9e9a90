using EiRnn.Core.Errors;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests;

[TestClass]
public sealed class TrialBlocksTests
{
    private static readonly ThreeInputTask Task = new(5, 9);

    [TestMethod]
    public void BlocksCoverEveryTrialOnceWithConditionsInterleaved()
    {
        // 3 conditions x 5 trials = 15 trials in blocks of 4: 4 + 4 + 4 + 3.
        var blocks = TrialBlocks.Interleaved(Task, Task.TestConditions, 5, TaskTiming.Test, 0.5f, seed: 2, blockSize: 4).ToList();
        CollectionAssert.AreEqual(new[] { 0L, 4, 8, 12 }, blocks.Select(b => b.FirstTrial).ToArray());
        CollectionAssert.AreEqual(new[] { 4, 4, 4, 3 }, blocks.Select(b => b.Batch.BatchSize).ToArray());
        var channels = blocks.SelectMany(b => b.Batch.Conditions).Select(c => ((StrongestInput)c).Channel).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(0, 15).Select(t => t % 3).ToArray(), channels);
    }

    [TestMethod]
    public void ABlockRegeneratedAloneIsIdentical()
    {
        var all = TrialBlocks.Interleaved(Task, Task.TestConditions, 5, TaskTiming.Test, 0.5f, seed: 2, blockSize: 4).ToList();
        var third = TrialBlocks.Block(Task, Task.TestConditions, 15, TaskTiming.Test, 0.5f, seed: 2, blockSize: 4, k: 2);
        Assert.AreEqual(all[2].FirstTrial, third.FirstTrial);
        CollectionAssert.AreEqual(all[2].Batch.Inputs, third.Batch.Inputs);
        CollectionAssert.AreNotEqual(all[1].Batch.Inputs, all[2].Batch.Inputs);
    }

    [TestMethod]
    public void BadCountsAreConfigErrors()
    {
        Assert.AreEqual("trials_per_condition", Assert.ThrowsExactly<ConfigException>(() =>
            TrialBlocks.Interleaved(Task, Task.TestConditions, 0, TaskTiming.Test, 0.5f, 1, 4)).Field);
        Assert.AreEqual("block_size", Assert.ThrowsExactly<ConfigException>(() =>
            TrialBlocks.Interleaved(Task, Task.TestConditions, 1, TaskTiming.Test, 0.5f, 1, 0)).Field);
    }
}
