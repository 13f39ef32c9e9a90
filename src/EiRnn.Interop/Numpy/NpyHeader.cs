using System.Text.RegularExpressions;
using EiRnn.Core.Errors;

namespace EiRnn.Interop.Numpy;

/// <summary>The dtype of a .npy member, as its 'descr' names it ('&lt;f4', '&gt;f8', '|O', ...).</summary>
public sealed record NpyDType(char ByteOrder, char Kind, int ItemSize)
{
    public bool IsObject => Kind == 'O';
    public bool BigEndian => ByteOrder == '>' || (ByteOrder == '=' && !BitConverter.IsLittleEndian);
    public string Descr => $"{ByteOrder}{Kind}{ItemSize}";
}

/// <summary>
/// The header of a .npy member: magic "\x93NUMPY", version (1.0: 2-byte length; 2.0: 4-byte; 3.0: 4-byte, UTF-8),
/// then a Python dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...)}. Parsed as text, never evaluated.
/// </summary>
public sealed partial record NpyHeader(NpyDType DType, bool FortranOrder, IReadOnlyList<int> Shape, int DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public long Count => Shape.Aggregate(1L, (a, d) => a * d);

    /// <exception cref="ModelFileException">The header is not a .npy header this reader understands (names <paramref name="what"/>).</exception>
    public static NpyHeader Parse(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
            throw new ModelFileException($"{what}: not a .npy array (no \\x93NUMPY magic)");
        int major = bytes[6];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new ModelFileException($"{what}: .npy format version {major}.{bytes[7]} is not supported (1.0, 2.0, 3.0 are)"),
        };
        if (bytes.Length < 8 + lengthBytes) throw new ModelFileException($"{what}: .npy header is truncated");
        long headerLength = lengthBytes == 2 ? BitConverter.ToUInt16(bytes[8..10]) : BitConverter.ToUInt32(bytes[8..12]);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts");
        long offset = 8 + lengthBytes + headerLength;
        if (offset > bytes.Length)
            throw new ModelFileException($"{what}: .npy header says it is {headerLength} bytes long but the member has only {bytes.Length - 8 - lengthBytes} bytes after the length field");
        string text = System.Text.Encoding.UTF8.GetString(bytes[(8 + lengthBytes)..(int)offset]);
        string descr = Match(DescrRegex(), text, "descr", what);
        string fortran = Match(FortranRegex(), text, "fortran_order", what);
        string shapeText = Match(ShapeRegex(), text, "shape", what);
        var dtype = ParseDescr(descr, what);
        var shape = new List<int>();
        foreach (var part in shapeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part.TrimEnd('L'), out int d) || d < 0)
                throw new ModelFileException($"{what}: .npy header has a bad shape ({shapeText})");
            shape.Add(d);
        }
        return new NpyHeader(dtype, fortran == "True", shape, (int)offset);
    }

    private static NpyDType ParseDescr(string descr, string what)
    {
        if (descr.Length < 2 || descr[0] is not ('<' or '>' or '|' or '='))
            throw new ModelFileException($"{what}: dtype '{descr}' is not supported (a structured or unknown dtype)");
        char kind = descr[1];
        if (kind == 'O') return new NpyDType(descr[0], 'O', 8);
        if (kind is not ('f' or 'i' or 'u' or 'b') || !int.TryParse(descr[2..], out int size) ||
            !(kind == 'f' ? size is 4 or 8 : kind == 'b' ? size == 1 : size is 1 or 2 or 4 or 8))
            throw new ModelFileException($"{what}: dtype '{descr}' is not supported (float32, float64, integers, bool and pickled objects are)");
        return new NpyDType(descr[0], kind, size);
    }

    private static string Match(Regex regex, string text, string key, string what)
    {
        var m = regex.Match(text);
        if (!m.Success) throw new ModelFileException($"{what}: .npy header has no readable '{key}' ({text.Trim()})");
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
