using EiRnn.Data;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Running;

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
