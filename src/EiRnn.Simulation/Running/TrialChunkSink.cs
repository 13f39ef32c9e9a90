using EiRnn.Data;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Receives simulated trials block by block (e.g. the Parquet dataset writer). The chunk's arrays are
/// freshly allocated and belong to the sink from the call on.
/// </summary>
public interface ITrialChunkSink
{
    ValueTask WriteAsync(TrialChunk chunk, CancellationToken cancellationToken);
}

/// <summary>A block of trials to simulate: trial ids FirstTrial .. FirstTrial + Batch.BatchSize − 1.</summary>
public sealed record TrialBlock(long FirstTrial, TrialBatch Batch);
