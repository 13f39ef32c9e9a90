using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Connectivity;

/// <summary>What a network's masks are built from (docs/model.md#dales-law-and-effective-weights, docs/model.md#connectivity-structures). The seed is recorded in the result.</summary>
public sealed record ConnectivityRequest
{
    public required ConnectivityStructure Structure { get; init; }
    public required int N { get; init; }
    public required int Nin { get; init; }
    public required int Nout { get; init; }
    public double ExcitatoryFraction { get; init; } = 0.8;
    public bool Dale { get; init; } = true;
    /// <summary>Allow W_rec[i,i] ≠ 0 (PsychRNN default); pycog forbids self-connections.</summary>
    public bool Autapses { get; init; }
    /// <summary>False: outputs read excitatory units only (pycog Dale tasks).</summary>
    public bool ReadoutFromAllUnits { get; init; }
    /// <summary>Multisensory: connect the start-cue channel(s) to all units (docs/tasks.md#multisensory option).</summary>
    public bool ConnectStartCue { get; init; }
    /// <summary>Seed of the random parts of a mask (Romo sparse, Mante feedback).</summary>
    public required ulong Seed { get; init; }

    public IReadOnlyList<UnitType> UnitTypes() =>
        Dale ? NetworkSpec.FirstExcitatory(N, ExcitatoryFraction) : NetworkSpec.Repeat(UnitType.Excitatory, N);

    internal void Check()
    {
        if (N < 2) throw new ConfigException("n", $"must be >= 2, got {N}");
        if (Nin < 1) throw new ConfigException("nin", $"must be >= 1, got {Nin}");
        if (Nout < 1) throw new ConfigException("nout", $"must be >= 1, got {Nout}");
        if (Structure != ConnectivityStructure.Dense && !Dale)
            throw new ConfigException("structure", $"'{Structure}' is defined for Dale networks only (set dale = true or structure = dense)");
    }
}
