using System.Numerics;

namespace EiRnn.Simulation.Noise;

/// <summary>destination[i] = a[i]·b[i] in single precision, one rounding per element (the same bits as ONNX Mul).</summary>
internal static class ElementwiseProduct
{
    public static void Write(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
    {
        if (b.Length != a.Length || destination.Length != a.Length) throw new ArgumentException("spans of different lengths");
        int i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(a[i..]) * new Vector<float>(b[i..])).CopyTo(destination[i..]);
        for (; i < a.Length; i++) destination[i] = a[i] * b[i];
    }
}
