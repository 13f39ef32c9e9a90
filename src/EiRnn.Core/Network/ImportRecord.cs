using System.Text.Json;

namespace EiRnn.Core.Network;

/// <summary>
/// Where an imported network came from (<c>eirnn import</c>, docs/import-export.md): the source format and file,
/// its SHA-256, the import options, and the unit permutation applied to put excitatory units first.
/// Part of <see cref="TrainingRecord"/>, so it travels in the model's <c>eirnn.training</c> metadata.
/// </summary>
public sealed record ImportRecord
{
    /// <summary>"psychrnn" or "npz".</summary>
    public required string From { get; init; }

    /// <summary>The source file's name (no folder).</summary>
    public required string SourceFile { get; init; }

    public required string SourceSha256 { get; init; }

    /// <summary>The options the import ran with (dt, τ, noise, transfer function, ...), as given.</summary>
    public required JsonElement Options { get; init; }

    /// <summary>
    /// Unit i of the model is unit UnitPermutation[i] of the source file; null when the order was kept.
    /// Datasets index units in the model's order.
    /// </summary>
    public IReadOnlyList<int>? UnitPermutation { get; init; }

    /// <summary>What the import decided on its own (defaults taken, arrays ignored, overrides).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
