using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Lazily generated blocks of test trials, so that simulating many trials keeps only one block in memory.
/// Trial t (t = 0 .. C·K − 1, C conditions, K trials per condition) has condition t mod C, so every block
/// mixes all conditions. Block k's random trial timings come from the stream Derive(seed, "trials/block/k"):
/// the same (seed, block size) gives the same trials, and any block can be regenerated alone (resume, shards).
/// </summary>
public static class TrialBlocks
{
    public static IEnumerable<TrialBlock> Interleaved(ICognitiveTask task, IReadOnlyList<ITrialCondition> conditions,
        int trialsPerCondition, TaskTiming timing, float dtMs, ulong seed, int blockSize)
    {
        if (conditions.Count == 0) throw new Core.Errors.ConfigException("conditions", "must not be empty");
        if (trialsPerCondition < 1) throw new Core.Errors.ConfigException("trials_per_condition", $"must be >= 1, got {trialsPerCondition}");
        if (blockSize < 1) throw new Core.Errors.ConfigException("block_size", $"must be >= 1, got {blockSize}");
        return Generate(task, conditions, (long)conditions.Count * trialsPerCondition, timing, dtMs, seed, blockSize);
    }

    public static long BlockCount(long trials, int blockSize) => (trials + blockSize - 1) / blockSize;

    /// <summary>Block k alone (its trials are k·blockSize ..), identical to the k-th block of <see cref="Interleaved"/>.</summary>
    public static TrialBlock Block(ICognitiveTask task, IReadOnlyList<ITrialCondition> conditions, long totalTrials,
        TaskTiming timing, float dtMs, ulong seed, int blockSize, long k)
    {
        long first = k * blockSize;
        int count = (int)Math.Min(blockSize, totalTrials - first);
        var chosen = new ITrialCondition[count];
        for (int i = 0; i < count; i++) chosen[i] = conditions[(int)((first + i) % conditions.Count)];
        var rng = RandomStream.Derive(seed, $"trials/block/{k}");
        return new TrialBlock(first, task.Forced(chosen, timing, dtMs, rng));
    }

    private static IEnumerable<TrialBlock> Generate(ICognitiveTask task, IReadOnlyList<ITrialCondition> conditions, long total,
        TaskTiming timing, float dtMs, ulong seed, int blockSize)
    {
        for (long k = 0; k < BlockCount(total, blockSize); k++)
            yield return Block(task, conditions, total, timing, dtMs, seed, blockSize, k);
    }
}
