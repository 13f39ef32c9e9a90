namespace EiRnn.Onnx.Variants;

/// <summary>
/// Which perturbation ports a compiled variant exposes (docs/sweeps.md#perturbations). Every port is an extra
/// graph input whose default (an initializer) is neutral, so a run that does not feed it computes exactly
/// what the canonical model computes. <see cref="None"/> compiles the canonical graph.
/// </summary>
public sealed record PerturbationPorts
{
    /// <summary>
    /// <c>lesion_mask</c> [B or 1, T or 1, N]: multiplies the rates r after step k (sample k); with it
    /// <c>lesion_init</c> [B or 1, N], which multiplies f(x_init) when a run continues an earlier time chunk.
    /// </summary>
    public bool Lesion { get; init; } = true;

    /// <summary><c>stim</c> [B or 1, T or 1, N]: current added inside α(...) at step k.</summary>
    public bool Stimulation { get; init; } = true;

    /// <summary><c>w_rec_scale</c> [2, 2]: factor for W_rec blocks, indexed [pre type, post type] (0 = E, 1 = I).</summary>
    public bool RecurrentBlockScale { get; init; } = true;

    /// <summary><c>w_in_scale</c> and <c>w_out_scale</c> (scalars): factors for W_in and W_out.</summary>
    public bool InputOutputScale { get; init; } = true;

    /// <summary><c>input_gain</c> [Nin]: multiplies each channel of the task input u (before u0 and noise).</summary>
    public bool InputGain { get; init; } = true;

    /// <summary><c>sigma_in_scale</c>, <c>sigma_rec_scale</c> (scalars): multiply σ_in and σ_rec.</summary>
    public bool NoiseScale { get; init; } = true;

    public static PerturbationPorts All { get; } = new();

    public static PerturbationPorts None { get; } = new()
    {
        Lesion = false, Stimulation = false, RecurrentBlockScale = false,
        InputOutputScale = false, InputGain = false, NoiseScale = false,
    };

    public bool Any => Lesion || Stimulation || RecurrentBlockScale || InputOutputScale || InputGain || NoiseScale;
}

/// <summary>Input names of the perturbation ports (in addition to the contract's inputs).</summary>
public static class PortNames
{
    public const string LesionMask = "lesion_mask";
    /// <summary>[B or 1, N]: multiplies f(x_init), for runs continued from an earlier time chunk (part of the lesion port).</summary>
    public const string LesionInit = "lesion_init";
    public const string Stim = "stim";
    public const string WRecScale = "w_rec_scale";
    public const string WInScale = "w_in_scale";
    public const string WOutScale = "w_out_scale";
    public const string InputGain = "input_gain";
    public const string SigmaInScale = "sigma_in_scale";
    public const string SigmaRecScale = "sigma_rec_scale";
    /// <summary>Output of a last-rates variant (in place of r): the rates of the last step, [B, N].</summary>
    public const string RLast = "r_last";
}
