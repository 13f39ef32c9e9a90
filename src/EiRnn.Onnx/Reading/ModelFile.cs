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
    int ScanNodes);
