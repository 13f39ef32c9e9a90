using EiRnn.Data;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Receives simulated trials block by block (e.g. the Parquet dataset writer). The chunk's z and r arrays
/// are the simulator's, reused for the next block once <see cref="WriteAsync"/> has completed: a sink that
/// keeps them longer copies them.
/// </summary>
public interface ITrialChunkSink
{
    ValueTask WriteAsync(TrialChunk chunk, CancellationToken cancellationToken);
}

/// <summary>A block of trials to simulate: trial ids FirstTrial .. FirstTrial + Batch.BatchSize − 1.</summary>
public sealed record TrialBlock(long FirstTrial, TrialBatch Batch)
{
    /// <summary>
    /// Per-trial noise ids for <see cref="Noise.TrialNoiseKeys"/>; null = the trial ids. A sweep gives every
    /// perturbation of one (seed, condition, repetition) the same id, so all see the control's noise.
    /// </summary>
    public IReadOnlyList<long>? NoiseIds { get; init; }

    /// <summary>Values of a compiled variant's perturbation ports for this block; null = none (canonical model or control).</summary>
    public BlockPorts? Ports { get; init; }
}
