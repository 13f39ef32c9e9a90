using System.Buffers.Binary;
using EiRnn.Core.Errors;

namespace EiRnn.Interop.Numpy;

/// <summary>What one .npy member holds: numbers, or a pickle (an object array; read by the pickle scanner, never run).</summary>
public abstract record NpyMember(string Name);

public sealed record NumericMember(NpyArray Array) : NpyMember(Array.Name);

public sealed record PickledMember(string Name, IReadOnlyList<int> Shape, byte[] Pickle) : NpyMember(Name);

/// <summary>Decodes one .npy member (any version, float/int/bool, either byte order, C or Fortran order).</summary>
public static class NpyReader
{
    /// <param name="name">The array's name (the .npz key) for messages.</param>
    public static NpyMember Read(ReadOnlySpan<byte> bytes, string name, string source)
    {
        string what = $"{source}: array '{name}'";
        var h = NpyHeader.Parse(bytes, what);
        var data = bytes[h.DataOffset..];
        if (h.DType.IsObject) return new PickledMember(name, h.Shape, data.ToArray());
        long expected = h.Count * h.DType.ItemSize;
        if (data.Length != expected)
            throw new ModelFileException($"{what}: header says shape {Text(h.Shape)} of {h.DType.Descr} ({expected} bytes) but the member holds {data.Length} data bytes");
        var values = new double[h.Count];
        int size = h.DType.ItemSize;
        for (long k = 0; k < h.Count; k++)
            values[k] = Decode(data.Slice((int)(k * size), size), h.DType);
        if (h.FortranOrder && h.Shape.Count > 1) values = FortranToC(values, h.Shape);
        return new NumericMember(new NpyArray(name, h.Shape, values));
    }

    private static double Decode(ReadOnlySpan<byte> b, NpyDType t)
    {
        bool be = t.BigEndian;
        return (t.Kind, t.ItemSize) switch
        {
            ('f', 4) => be ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            ('f', 8) => be ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
            ('b', 1) => b[0] != 0 ? 1 : 0,
            ('u', 1) => b[0],
            ('i', 1) => (sbyte)b[0],
            ('i', 2) => be ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
            ('u', 2) => be ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
            ('i', 4) => be ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
            ('u', 4) => be ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
            ('i', 8) => be ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
            ('u', 8) => be ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
            _ => throw new InvalidOperationException($"dtype {t.Descr} passed the header check"),
        };
    }

    /// <summary>Fortran order: the first index varies fastest. Reorders to C order (the last index fastest).</summary>
    private static double[] FortranToC(double[] f, IReadOnlyList<int> shape)
    {
        int rank = shape.Count;
        var c = new double[f.Length];
        var index = new int[rank];
        for (long k = 0; k < f.Length; k++)
        {
            long cPos = 0;
            for (int d = 0; d < rank; d++) cPos = cPos * shape[d] + index[d];
            c[cPos] = f[k];
            for (int d = 0; d < rank; d++) // advance the Fortran index: first axis fastest
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return c;
    }

    private static string Text(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";
}
