using EiRnn.Core.Network;

namespace EiRnn.Onnx.Reading;

/// <summary>Where the <see cref="NetworkSpec"/> of a model file came from.</summary>
public enum SpecSource
{
    /// <summary><c>eirnn.spec</c> is this project's full NetworkSpec JSON (checked against the tensors).</summary>
    ProjectSpec,

    /// <summary>
    /// <c>eirnn.spec</c> is another producer's JSON: sizes, τ, u0, σ and dt come from the tensors and the
    /// contract's other metadata; only nonlinearities, input rectification and Dale are read from the JSON.
    /// </summary>
    ContractOnly,
}

/// <summary>A model file that follows the contract, read into the project's types.</summary>
public sealed record ModelFile(
    TrainedNetwork Network,
    SpecSource SpecSource,
    string FormatVersion,
    string Producer,
    long FileBytes,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    int ScanNodes)
{
    /// <summary>The file as read, so a runtime can load it without reading or parsing the file again. Treat as read-only.</summary>
    public byte[] Contents { get; init; } = [];

    /// <summary>
    /// True when the file's graph is exactly the graph this project's exporter builds for <see cref="Network"/>:
    /// then a variant compiled from the weights (ModelVariantCompiler) performs the file's floating-point
    /// operations in the same order and gives the same bits. False for other producers' graphs.
    /// </summary>
    public bool IsCanonicalGraph { get; init; }
}
