using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Running;

/// <summary>
/// What a simulation run computes and how it is chunked (the CLI's <c>--dt</c>, <c>--dt-save</c>,
/// <c>--save</c>, <c>--seed</c>). Chunk sizes bound memory: about TrialsPerChunk·StepsPerChunk·(2N + 2Nin + Nout)
/// floats of feeds and outputs, whatever the total trial count.
/// </summary>
public sealed record SimulationSettings
{
    /// <summary>Integration step (ms); the test/analysis default of docs/model.md#euler-discretisation is 0.5 ms.</summary>
    public float DtMs { get; init; } = 0.5f;

    /// <summary>Overrides of the model's σ_in and σ_rec; null keeps the model's defaults.</summary>
    public float? SigmaIn { get; init; }
    public float? SigmaRec { get; init; }

    /// <summary>Spacing of saved samples (ms): a multiple of <see cref="DtMs"/>.</summary>
    public float DtSaveMs { get; init; } = 10f;

    /// <summary>Also hand the firing rates r to the sink (z is always handed).</summary>
    public bool SaveRates { get; init; } = true;

    /// <summary>Root of every trial's noise streams (see <see cref="Noise.TrialNoiseKeys"/>); recorded in the manifest.</summary>
    public ulong NoiseSeed { get; init; }

    public int TrialsPerChunk { get; init; } = 500;
    public int StepsPerChunk { get; init; } = 250;

    public SimulationSettings Validated()
    {
        static void Need(bool ok, string field, string problem)
        {
            if (!ok) throw new ConfigException(field, problem);
        }
        Need(DtMs > 0 && float.IsFinite(DtMs), "dt", $"must be > 0 ms, got {DtMs}");
        Need(SigmaIn is null || (SigmaIn >= 0 && float.IsFinite(SigmaIn.Value)), "sigma_in", $"must be >= 0, got {SigmaIn}");
        Need(SigmaRec is null || (SigmaRec >= 0 && float.IsFinite(SigmaRec.Value)), "sigma_rec", $"must be >= 0, got {SigmaRec}");
        Need(DtSaveMs > 0 && float.IsFinite(DtSaveMs), "dt_save", $"must be > 0 ms, got {DtSaveMs}");
        SaveGrid.StrideFor(DtMs, DtSaveMs); // throws ConfigException("dt_save", ...) when not a multiple of dt
        Need(TrialsPerChunk is >= 1 and <= 100_000, "trials_per_chunk", $"must be in [1, 100000], got {TrialsPerChunk}");
        Need(StepsPerChunk is >= 1 and <= 1_000_000, "steps_per_chunk", $"must be in [1, 1000000], got {StepsPerChunk}");
        return this;
    }
}
