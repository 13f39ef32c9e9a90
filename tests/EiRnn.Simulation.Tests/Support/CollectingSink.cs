using EiRnn.Data;
using EiRnn.Simulation.Running;

namespace EiRnn.Simulation.Tests.Support;

/// <summary>Keeps a copy of every chunk (small runs only; the simulator reuses the z and r arrays).</summary>
internal sealed class CollectingSink : ITrialChunkSink
{
    public List<TrialChunk> Chunks { get; } = [];

    public ValueTask WriteAsync(TrialChunk chunk, CancellationToken cancellationToken)
    {
        Chunks.Add(chunk with { Z = chunk.Z.ToArray(), R = chunk.R?.ToArray() });
        return ValueTask.CompletedTask;
    }
}
