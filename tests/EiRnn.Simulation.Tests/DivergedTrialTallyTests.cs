using EiRnn.Data;
using EiRnn.Simulation.Runs;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests;

/// <summary>The per-perturbation count `simulate` and `sweep` print after a run.</summary>
[TestClass]
public sealed class DivergedTrialTallyTests
{
    private static TrialChunk Chunk(params bool[] diverged) => new(
        diverged.Select((_, i) => (long)i).ToArray(), new long[diverged.Length], new ITrialCondition[diverged.Length],
        diverged.Select(d => d ? TrialOutcome.DivergedTrial : new TrialOutcome(0, true, null)).ToArray(),
        new IReadOnlyList<Period>[diverged.Length], 1, 1, 1, new float[diverged.Length], null);

    [TestMethod]
    public void CountsAddUpPerPerturbationAcrossBlocks()
    {
        var tally = new DivergedTrialTally();
        tally.Add("control", Chunk(false, false));
        tally.Add("lesion-all-I", Chunk(true, false, true));
        tally.Add("control", Chunk(false));
        tally.Add("lesion-all-I", Chunk(true, true));
        CollectionAssert.AreEqual(new[] { new DivergedTrialCount("control", 0, 3), new DivergedTrialCount("lesion-all-I", 4, 5) }, tally.Counts.ToArray());
        StringAssert.StartsWith(DivergedTrialTally.Format(tally.Counts), "diverged: lesion-all-I 4/5 trials");
    }

    [TestMethod]
    public void NoDivergedTrialIsSaidInOneLine()
    {
        var tally = new DivergedTrialTally();
        tally.Add("control", Chunk(false, false));
        StringAssert.StartsWith(DivergedTrialTally.Format(tally.Counts), "diverged: none of the 2 trials");
    }
}
