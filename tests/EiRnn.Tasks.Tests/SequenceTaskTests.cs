using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

/// <summary>sequence task against hand-computed screen positions and epochs (docs/tasks.md#sequence).</summary>
[TestClass]
public sealed class SequenceTaskTests
{
    [TestMethod]
    public void DotPositionsFollowTheRowMajorGrid()
    {
        Assert.AreEqual((-0.5, 0.5), SequenceScreen.Position(0));
        Assert.AreEqual((0.0, 0.5), SequenceScreen.Position(1));
        Assert.AreEqual((0.5, 0.5), SequenceScreen.Position(2));
        Assert.AreEqual((0.0, 0.0), SequenceScreen.Position(4));
        Assert.AreEqual((0.5, 0.0), SequenceScreen.Position(5));
        Assert.AreEqual((-0.5, -0.5), SequenceScreen.Position(6));
        Assert.AreEqual((0.5, -0.5), SequenceScreen.Position(8));
        Assert.AreEqual(7, SequenceScreen.Nearest(0.1, -0.4));
    }

    [TestMethod]
    public void Sequence1ShowsTheCurrentDotAndItsOptionsAndTargetsTheNextDot()
    {
        var b = new SequenceTask().Forced([new SequenceCondition(1)], TaskTiming.Test, 10f, new RandomStream(1));
        Assert.AreEqual(350, b.Steps); // 1000 ITI + 1000 fixation + 3 × 500 at 10 ms
        float[] At(int k) => Enumerable.Range(0, 17).Select(i => b.Inputs[b.InputIndex(0, k, i)]).ToArray();
        float[] Expect(params int[] on) { var u = new float[17]; foreach (var i in on) u[i] = 1; return u; }
        // ITI (k = 0, t = 10): only the sequence identity, mask 0.
        CollectionAssert.AreEqual(Expect(9), At(0));
        Assert.AreEqual(0f, b.Mask[b.OutputIndex(0, 0, 0)]);
        // Fixation (k = 100, t = 1010): dot 4, eye at the centre.
        CollectionAssert.AreEqual(Expect(4, 9), At(100));
        Assert.AreEqual(1f, b.Mask[b.OutputIndex(0, 100, 0)]);
        Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, 100, 0)]); Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, 100, 1)]);
        // M1 (k = 200, t = 2010): at dot 4 with options 3, 5; target dot 5 = (0.5, 0).
        CollectionAssert.AreEqual(Expect(3, 4, 5, 9), At(200));
        Assert.AreEqual(0.5f, b.Targets[b.OutputIndex(0, 200, 0)]); Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, 200, 1)]);
        // M2 (k = 250, t = 2510): at dot 5 with options 1, 7; target dot 1 = (0, 0.5).
        CollectionAssert.AreEqual(Expect(1, 5, 7, 9), At(250));
        Assert.AreEqual(0f, b.Targets[b.OutputIndex(0, 250, 0)]); Assert.AreEqual(0.5f, b.Targets[b.OutputIndex(0, 250, 1)]);
        // M3 (k = 349, t = 3500): at dot 1 with options 0, 2; target dot 0 = (−0.5, 0.5).
        CollectionAssert.AreEqual(Expect(0, 1, 2, 9), At(349));
        Assert.AreEqual(-0.5f, b.Targets[b.OutputIndex(0, 349, 0)]); Assert.AreEqual(0.5f, b.Targets[b.OutputIndex(0, 349, 1)]);
        // M2 ends at 3000 ms: k = 299 is M2, k = 300 is M3.
        Assert.IsTrue(b.FindPeriod(0, "m2")!.Value.Contains(299, 10)); Assert.IsFalse(b.FindPeriod(0, "m2")!.Value.Contains(300, 10));
    }

    [TestMethod]
    public void ValidationAndTrainingComeInBlocksOfEightPermutations()
    {
        var task = new SequenceTask();
        Assert.AreEqual(8, task.Description.TrainingBlockSize);
        foreach (var b in new[] { task.ValidationBatch(24, 10f, new RandomStream(2)), task.TrainingBatch(24, 10f, new RandomStream(3)) })
        {
            var ids = b.Conditions.Cast<SequenceCondition>().Select(c => c.Sequence).ToArray();
            for (int block = 0; block < 3; block++)
                CollectionAssert.AreEquivalent(Enumerable.Range(1, 8).ToArray(), ids.Skip(8 * block).Take(8).ToArray(), $"block {block}");
            Assert.IsFalse(ids.Take(8).SequenceEqual(ids.Skip(8).Take(8)) && ids.Take(8).SequenceEqual(ids.Skip(16).Take(8)), "blocks are shuffled");
        }
    }

    [TestMethod]
    public void RmseIsOverMaskedSamplesAndTrialsScoreByTheDotReachedAtEachMove()
    {
        var task = new SequenceTask();
        var b = task.Forced([new SequenceCondition(3), new SequenceCondition(8)], TaskTiming.Test, 10f, new RandomStream(4));
        var z = (float[])b.Targets.Clone();
        for (int i = 0; i < z.Length; i++) if (b.Mask[i] == 1) z[i] += 0.1f; else z[i] = 5f; // unmasked values must not count
        Assert.AreEqual(0.1, task.Performance(b, z), 1e-6);
        Assert.IsFalse(task.Description.Criterion.IsMet([0.1]));
        Assert.IsTrue(task.Description.Criterion.IsMet([0.05]));
        var s = task.Score(b, z);
        Assert.IsTrue(s[0].Correct); Assert.IsNull(s[0].Choice);
        // Trial 1 (4→5→7→8): end M2 (k = 299) at dot 1 (0, 0.5) instead of dot 7.
        z[b.OutputIndex(1, 299, 0)] = 0f; z[b.OutputIndex(1, 299, 1)] = 0.5f;
        Assert.IsFalse(task.Score(b, z)[1].Correct);
    }
}
