using EiRnn.Core.Network;

namespace EiRnn.Interop.PsychRnn;

/// <summary>What a PsychRNN weights file does not say: its dt, τ and recurrent noise (PsychRNN keeps them in the task and model params).</summary>
public sealed record PsychRnnImportOptions
{
    public required float DtMs { get; init; }
    public required float TauMs { get; init; }

    /// <summary>PsychRNN's rec_noise: σ_rec of x-noise sqrt(2α)·σ_rec·ξ.</summary>
    public float RecNoise { get; init; }

    /// <summary>--transfer: overrides the file's transfer_function (relu, tanh or sigmoid).</summary>
    public HiddenNonlinearity? Transfer { get; init; }

    /// <summary>The task the network solves ("" = none recorded); its input/output names label the channels.</summary>
    public string Task { get; init; } = "";
    public IReadOnlyList<string>? InputNames { get; init; }
    public IReadOnlyList<string>? OutputNames { get; init; }

    public bool AllowDaleViolations { get; init; }
}

/// <summary>An imported network and the notes the import printed (defaults, overrides, ignored arrays).</summary>
public sealed record ImportedNetwork(TrainedNetwork Network, IReadOnlyList<string> Notes);
