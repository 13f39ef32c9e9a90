namespace EiRnn.Simulation.Noise;

/// <summary>
/// A per-column map v ↦ v·scale[c] (+ offset[c]) applied to noise as it is written into rows of width W
/// (<see cref="NoiseRows"/>). The arrays are stored wrapped, W + 16 long with [W + j] = [j], so 16 consecutive
/// values of a stream are mapped with one vector pass even where they run over the end of a row.
/// </summary>
internal sealed class RowAffine
{
    private RowAffine(float[] scale, float[]? offset) => (Scale, Offset) = (scale, offset);

    public float[] Scale { get; }
    public float[]? Offset { get; }

    /// <summary>v·scale[c] + offset[c] (two roundings, as ONNX Runtime's Mul then Add), or v·scale[c] when offset is null.</summary>
    public static RowAffine Of(ReadOnlySpan<float> scale, ReadOnlySpan<float> offset = default)
    {
        if (!offset.IsEmpty && offset.Length != scale.Length)
            throw new ArgumentException($"{offset.Length} offsets for {scale.Length} scales", nameof(offset));
        return new RowAffine(Wrapped(scale), offset.IsEmpty ? null : Wrapped(offset));
    }

    public int Width => Scale.Length - NoiseRows.HalfBlock;

    private static float[] Wrapped(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("no columns", nameof(values));
        var wrapped = new float[values.Length + NoiseRows.HalfBlock];
        for (int j = 0; j < wrapped.Length; j++) wrapped[j] = values[j % values.Length];
        return wrapped;
    }
}
