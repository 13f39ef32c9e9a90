using EiRnn.Core.Random;
using EiRnn.Simulation.Running;
using EiRnn.Tasks.Contract;

namespace EiRnn.SimulationBenchmark;

/// <summary>One benchmark configuration, shared by every contender so that all do the same work.</summary>
internal sealed record BenchmarkCase(
    int N, int Trials, int Steps, int Threads, int TrialsPerChunk, int StepsPerChunk, float DtMs,
    string ModelPath, DaleNetwork? Net, IReadOnlyList<TrialBlock> Blocks, ulong NoiseSeed)
{
    public double UnitSteps => (double)N * Trials * Steps;

    /// <summary>Save r (every 10th step) as well as z; false = a z-only run (--save z).</summary>
    public bool SaveRates { get; init; } = true;

    /// <summary>Pre-built trial blocks of constant inputs (task generation is not what is measured).</summary>
    public static IReadOnlyList<TrialBlock> MakeBlocks(int trials, int steps, int blockSize, float dtMs)
    {
        var task = new ConstantInputTask(steps);
        var blocks = new List<TrialBlock>();
        for (int first = 0; first < trials; first += blockSize)
        {
            int count = Math.Min(blockSize, trials - first);
            var conditions = Enumerable.Range(0, count).Select(_ => (ITrialCondition)ConstantInputTask.Condition).ToArray();
            blocks.Add(new TrialBlock(first, task.Forced(conditions, TaskTiming.Test, dtMs, new RandomStream((ulong)first))));
        }
        return blocks;
    }
}

/// <summary>A contender simulates the case's trials (noise included) and reports its wall time.</summary>
internal interface IContender
{
    string Name { get; }

    /// <summary>Null when the contender cannot run this case (the reason is printed instead).</summary>
    string? CannotRun(BenchmarkCase c) => null;

    TimeSpan Run(BenchmarkCase c);
}
