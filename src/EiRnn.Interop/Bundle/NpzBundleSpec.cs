using System.ComponentModel;
using System.Text.Json;
using EiRnn.Core.Network;

namespace EiRnn.Interop.Bundle;

/// <summary>
/// The JSON spec of a generic weights bundle (`eirnn import --from npz W.npz --spec SPEC.json`,
/// schemas/npz-bundle-spec.schema.json, docs/import-export.md#generic-bundle): what the arrays cannot tell.
/// Read through JsonConfig (unknown keys rejected, each problem names its key).
/// </summary>
public sealed record NpzBundleSpec
{
    [Description("x-form (the only one supported): x <- (1-a)x + a(W_rec f(x) + W_in u + b_rec); r-form networks are refused")]
    public string Dynamics { get; init; } = "x-form";

    [Description("the step the network was trained with, ms (its default dt)")]
    public required float DtMs { get; init; }

    [Description("time constant(s), ms: one number or one per unit")]
    public required JsonElement TauMs { get; init; }

    [Description("input-noise time constant, ms (used only when sigma_in > 0)")]
    public float TauInMs { get; init; } = 100f;

    public float SigmaIn { get; init; }
    public float SigmaRec { get; init; }

    [Description("baseline added to each input channel (default 0)")]
    public IReadOnlyList<float>? U0 { get; init; }

    public bool RectifyInputs { get; init; }
    public HiddenNonlinearity Hidden { get; init; } = HiddenNonlinearity.Rectify;
    public OutputNonlinearity Output { get; init; } = OutputNonlinearity.Linear;

    [Description("per unit \"E\" or \"I\": Dale's law with these signs (absent: no sign constraints)")]
    public IReadOnlyList<string>? UnitTypes { get; init; }

    public string Task { get; init; } = "";
    public IReadOnlyList<string>? InputNames { get; init; }
    public IReadOnlyList<string>? OutputNames { get; init; }
}
