using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EiRnn.Interop.Numpy;

/// <summary>
/// Writes .npy (format 1.0, little-endian, C order, float32 or float64) and .npz (a zip of stored .npy members),
/// as np.load reads them. Nothing is pickled.
/// </summary>
public static class NpzWriter
{
    /// <param name="float64">Which arrays to write as float64 (default: all); the others are float32.</param>
    public static byte[] Write(IReadOnlyList<NpyArray> arrays, Func<string, bool>? float64 = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var a in arrays)
            {
                var entry = zip.CreateEntry(a.Name + ".npy", CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero); // same arrays, same bytes
                using var s = entry.Open();
                s.Write(Npy(a, float64?.Invoke(a.Name) ?? true));
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Npy(NpyArray a, bool float64)
    {
        string shape = a.Rank switch
        {
            0 => "()",
            1 => $"({a.Shape[0]},)",
            _ => "(" + string.Join(", ", a.Shape) + ")",
        };
        string dict = $"{{'descr': '{(float64 ? "<f8" : "<f4")}', 'fortran_order': False, 'shape': {shape}, }}";
        int unpadded = 10 + dict.Length + 1;
        int padded = (unpadded + 63) / 64 * 64; // NumPy aligns the data to 64 bytes
        string header = dict + new string(' ', padded - unpadded) + "\n";
        int size = float64 ? 8 : 4;
        var bytes = new byte[10 + header.Length + a.Values.Length * size];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        var data = bytes.AsSpan(10 + header.Length);
        for (int k = 0; k < a.Values.Length; k++)
        {
            if (float64) BinaryPrimitives.WriteDoubleLittleEndian(data[(k * 8)..], a.Values[k]);
            else BinaryPrimitives.WriteSingleLittleEndian(data[(k * 4)..], (float)a.Values[k]);
        }
        return bytes;
    }
}
