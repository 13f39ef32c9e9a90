using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

[TestClass]
public sealed class PaddingAndBoundTests
{
    [TestMethod]
    public void PaddingKeepsTrialsAndZeroesTheTail()
    {
        var task = new RdmFixedTask();
        var batch = task.Forced(task.TestConditions.Take(3).ToArray(), TaskTiming.Train, 20f, new RandomStream(1));
        var padded = batch.PaddedTo(batch.Steps + 7);
        Assert.AreEqual(batch.Steps + 7, padded.Steps);
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < padded.Steps; k++)
                for (int c = 0; c < 2; c++)
                {
                    float expected = k < batch.Steps ? batch.Inputs[batch.InputIndex(b, k, c)] : 0f;
                    Assert.AreEqual(expected, padded.Inputs[padded.InputIndex(b, k, c)]);
                    float mask = k < batch.Steps ? batch.Mask[batch.OutputIndex(b, k, c)] : 0f;
                    Assert.AreEqual(mask, padded.Mask[padded.OutputIndex(b, k, c)]);
                }
        CollectionAssert.AreEqual(batch.TrialSteps, padded.TrialSteps);
    }

    [TestMethod]
    public void RdmVariableTrialsNeverExceedTheirBound()
    {
        var task = (ITrialDurationBound)TaskRegistry.BuiltIn().Create("rdm-variable");
        var cognitive = (ICognitiveTask)task;
        // 500 + just under 1500 + 300 ms at test; the longest of many draws stays below the bound.
        Assert.AreEqual(2300, task.MaxTrialMs(TaskTiming.Test));
        var batch = cognitive.Forced(cognitive.EachCondition(60), TaskTiming.Test, 20f, new RandomStream(3));
        Assert.IsLessThanOrEqualTo(2300.0, batch.Steps * 20.0);
        Assert.IsGreaterThan(1800.0, batch.Steps * 20.0, "some stimulus should be long (mean 330 ms, 660 draws)");
    }
}
