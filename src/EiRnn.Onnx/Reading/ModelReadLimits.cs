using EiRnn.Core.Errors;

namespace EiRnn.Onnx.Reading;

/// <summary>
/// How much memory reading a model may take. Declared tensor sizes are checked against these limits
/// before anything is allocated for them, so a file that claims a [10⁶, 10⁶] weight fails fast.
/// </summary>
public sealed record ModelReadLimits
{
    /// <summary>Largest model file accepted, bytes (protobuf itself stops at 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest total size of all initializers as declared by their dims, bytes.</summary>
    public long MaxTensorBytes { get; init; } = 1L << 30;

    public static ModelReadLimits Default { get; } = new();

    public ModelReadLimits Validated()
    {
        if (MaxFileBytes <= 0 || MaxFileBytes > int.MaxValue)
            throw new ConfigException("max_file_bytes", $"must be in [1, {int.MaxValue}], got {MaxFileBytes}");
        if (MaxTensorBytes <= 0)
            throw new ConfigException("max_tensor_bytes", $"must be > 0, got {MaxTensorBytes}");
        return this;
    }
}
