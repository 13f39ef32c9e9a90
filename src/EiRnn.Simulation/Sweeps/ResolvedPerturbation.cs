using System.Globalization;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Sweeps;

/// <summary>When an effect is on: every step, a task period (looked up per trial) or a ms range.</summary>
public sealed record EffectWindow(string? Period, double? StartMs, double? EndMs)
{
    public static readonly EffectWindow Always = new(null, null, null);

    /// <summary>Step k (sample time (k+1)·dt, docs/model.md#time-indexing) is inside the window iff start &lt; (k+1)·dt ≤ end.</summary>
    public (double Start, double End)? RangeFor(IReadOnlyList<Period> trialPeriods)
    {
        if (Period is null) return (StartMs ?? double.NegativeInfinity, EndMs ?? double.PositiveInfinity);
        foreach (var p in trialPeriods) if (p.Name == Period) return (p.StartMs, p.EndMs);
        return null; // e.g. catch trials have no stimulus period: the effect never acts
    }

    public override string ToString() => Period is not null ? $"period {Period}"
        : StartMs is null && EndMs is null ? "whole trial" : $"{StartMs ?? 0}-{EndMs?.ToString(CultureInfo.InvariantCulture) ?? "end"} ms";
}

/// <summary>Rates of the listed units are 0 (in the recurrence and the readout) while the window is on.</summary>
public sealed record RateLesion(IReadOnlyList<int> Units, EffectWindow Window);

/// <summary>A current (recurrent-input units) added to the listed units while the window is on.</summary>
public sealed record CurrentInjection(IReadOnlyList<int> Units, double Current, EffectWindow Window);

/// <summary>
/// One concrete perturbation after grid expansion and population resolution: everything the simulator
/// needs, with neutral values where the perturbation does nothing. Control is the all-neutral instance.
/// </summary>
public sealed record ResolvedPerturbation
{
    public required string Id { get; init; }
    /// <summary>Human-readable description of the parameters (recorded in the manifest).</summary>
    public required string Description { get; init; }
    public IReadOnlyList<RateLesion> RateLesions { get; init; } = [];
    public IReadOnlyList<CurrentInjection> Currents { get; init; } = [];
    /// <summary>W_rec multiplier [N,N] row-major (post, pre); null = all ones.</summary>
    public float[]? RecurrentMultiplier { get; init; }
    public double InputWeightScale { get; init; } = 1;
    public double OutputWeightScale { get; init; } = 1;
    public double SigmaRecScale { get; init; } = 1;
    public double SigmaInScale { get; init; } = 1;
    /// <summary>Gain per input channel [Nin]; null = all ones.</summary>
    public float[]? InputGains { get; init; }

    public bool IsNeutral => RateLesions.Count == 0 && Currents.Count == 0 && RecurrentMultiplier is null &&
                             InputWeightScale == 1 && OutputWeightScale == 1 && SigmaRecScale == 1 &&
                             SigmaInScale == 1 && InputGains is null;

    public static ResolvedPerturbation Control { get; } = new() { Id = "control", Description = "control (no perturbation)" };
}
