using EiRnn.Data;
using EiRnn.Simulation.Running;

namespace EiRnn.Simulation.Tests.Support;

/// <summary>Keeps every chunk (small runs only).</summary>
internal sealed class CollectingSink : ITrialChunkSink
{
    public List<TrialChunk> Chunks { get; } = [];

    public ValueTask WriteAsync(TrialChunk chunk, CancellationToken cancellationToken)
    {
        Chunks.Add(chunk);
        return ValueTask.CompletedTask;
    }
}
