using System.Diagnostics;
using EiRnn.Data;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Tests;

/// <summary>Memory stays flat with the number of trials: 20,000 trials need no more than 2,000 do.</summary>
[TestClass]
public sealed class StreamingMemoryTests
{
    private const int BlockSize = 500;

    [TestMethod]
    public void ManagedHeapAndWorkingSetDoNotGrowWithTrialCount()
    {
        var model = SimulationModel.Read(ContractFixture.ModelPath);
        var task = new ThreeInputTask(40, 40);
        using var session = ModelSession.Open(model, new SessionSettings());
        using var simulator = new TrialSimulator(session, task,
            new SimulationSettings { DtMs = 0.5f, DtSaveMs = 2f, TrialsPerChunk = 250, StepsPerChunk = 16 });

        var small = Measure(simulator, task, 2_000);
        var large = Measure(simulator, task, 20_000);
        Assert.AreEqual(20_000, large.Trials);
        // 20,000 trials hold ~13 MB of z and r if anything kept them; allow 4 MB of noise in the peaks.
        long heapGrowth = large.PeakHeap - small.PeakHeap;
        long setGrowth = large.WorkingSet - small.WorkingSet;
        Assert.IsTrue(heapGrowth < 4 << 20, $"peak managed heap grew by {heapGrowth / 1e6:F1} MB from 2k to 20k trials");
        Assert.IsTrue(setGrowth < 16 << 20, $"working set grew by {setGrowth / 1e6:F1} MB from 2k to 20k trials");
    }

    private static (long Trials, long PeakHeap, long WorkingSet) Measure(TrialSimulator simulator, ICognitiveTask task, int trials)
    {
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long done = 0, peakHeap = 0;
        foreach (var block in Blocks(task, trials))
        {
            // The chunk is dropped (a writer would persist it); the live managed heap is sampled after each block.
            done += simulator.Simulate(block, CancellationToken.None).Count;
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: true));
        }
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        using var me = Process.GetCurrentProcess();
        return (done, peakHeap, me.WorkingSet64);
    }

    /// <summary>Lazily generated blocks, as the simulate verb produces them.</summary>
    private static IEnumerable<TrialBlock> Blocks(ICognitiveTask task, int trials) =>
        TrialBlocks.Interleaved(task, task.TestConditions, trials / task.TestConditions.Count + 1, TaskTiming.Test, 0.5f, 1, BlockSize)
            .TakeWhile(b => b.FirstTrial < trials)
            .Select(b => b.FirstTrial + b.Batch.BatchSize <= trials ? b : throw new InvalidOperationException("trial count must be a multiple of the block size"));
}
