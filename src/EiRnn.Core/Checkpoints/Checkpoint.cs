using System.Runtime.InteropServices;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Checkpoints;

/// <summary>A named float32 array with its shape.</summary>
public sealed record NamedArray(string Name, int[] Shape, float[] Data);

/// <summary>
/// A checkpoint folder: header.json + one raw little-endian float32 data file. Written to a temporary
/// sibling and renamed into place, so a reader never sees a half-written checkpoint.
/// </summary>
public sealed class Checkpoint
{
    public const string HeaderFile = "header.json";

    public Checkpoint(CheckpointHeader header, IReadOnlyList<NamedArray> arrays)
    {
        Header = header;
        Arrays = arrays.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public CheckpointHeader Header { get; }
    public IReadOnlyDictionary<string, NamedArray> Arrays { get; }

    public float[] Array(string name) => Arrays.TryGetValue(name, out var a) ? a.Data
        : throw new TrainingException($"checkpoint has no array '{name}'");

    public void Write(string folder)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints are little-endian");
        string full = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar));
        string parent = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        string tmp = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        Directory.CreateDirectory(tmp);

        var entries = new List<CheckpointArrayEntry>();
        using (var data = new FileStream(Path.Combine(tmp, Header.DataFile), FileMode.CreateNew, FileAccess.Write))
        {
            foreach (var a in Arrays.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                if (a.Data.Length != a.Shape.Aggregate(1, (x, y) => x * y))
                    throw new ArgumentException($"array '{a.Name}' has {a.Data.Length} values for shape [{string.Join(",", a.Shape)}]");
                entries.Add(new CheckpointArrayEntry(a.Name, a.Shape, data.Position));
                data.Write(MemoryMarshal.AsBytes(a.Data.AsSpan()));
            }
            data.Flush(flushToDisk: true);
        }
        File.WriteAllText(Path.Combine(tmp, HeaderFile), JsonConfig.Serialize(Header with { Arrays = entries }));

        string old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(tmp, full);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    public static Checkpoint Read(string folder)
    {
        string headerPath = Path.Combine(folder, HeaderFile);
        if (!File.Exists(headerPath)) throw new TrainingException($"{folder}: not a checkpoint (no {HeaderFile})");
        CheckpointHeader header;
        try { header = JsonConfig.Parse<CheckpointHeader>(File.ReadAllText(headerPath), headerPath); }
        catch (ConfigException e) { throw new TrainingException($"{headerPath}: unreadable checkpoint header: {e.Message}", e); }
        if (header.Format != CheckpointHeader.CurrentFormat)
            throw new TrainingException($"{headerPath}: format '{header.Format}' is not '{CheckpointHeader.CurrentFormat}'");
        string dataPath = Path.Combine(folder, header.DataFile);
        if (!File.Exists(dataPath)) throw new TrainingException($"{folder}: data file {header.DataFile} is missing");
        byte[] bytes = File.ReadAllBytes(dataPath);
        var arrays = new List<NamedArray>();
        foreach (var e in header.Arrays)
        {
            long byteCount = 4L * e.Count;
            if (e.Offset < 0 || e.Offset + byteCount > bytes.Length)
                throw new TrainingException($"{dataPath}: array '{e.Name}' lies outside the file ({bytes.Length} bytes)");
            var data = MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)e.Offset, (int)byteCount)).ToArray();
            arrays.Add(new NamedArray(e.Name, e.Shape, data));
        }
        return new Checkpoint(header, arrays);
    }
}
