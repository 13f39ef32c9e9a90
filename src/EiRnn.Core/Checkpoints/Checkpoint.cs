using System.Runtime.InteropServices;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;

namespace EiRnn.Core.Checkpoints;

/// <summary>A named float32 array with its shape.</summary>
public sealed record NamedArray(string Name, int[] Shape, float[] Data);

/// <summary>
/// A checkpoint folder: header.json + one raw little-endian float32 data file + a completeness marker.
/// Folders cannot be replaced by one atomic rename, so a new copy is written beside the old one and switched
/// in by renames; a reader always finds a complete copy, even after a crash in the middle of the switch
/// (<see cref="CheckpointFolders"/>, docs/checkpoints.md#crash-safety).
/// </summary>
public sealed class Checkpoint
{
    public const string HeaderFile = "header.json";

    /// <summary>Written last into a new copy: a folder without it was interrupted while being written.</summary>
    public const string CompleteMarker = "complete";

    public Checkpoint(CheckpointHeader header, IReadOnlyList<NamedArray> arrays)
    {
        Header = header;
        Arrays = arrays.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public CheckpointHeader Header { get; }
    public IReadOnlyDictionary<string, NamedArray> Arrays { get; }

    public float[] Array(string name) => Arrays.TryGetValue(name, out var a) ? a.Data
        : throw new TrainingException($"checkpoint has no array '{name}'");

    /// <summary>Whether <paramref name="folder"/> (or a copy left by an interrupted switch) holds a complete checkpoint.</summary>
    public static bool Exists(string folder) => new CheckpointFolders(folder).Readable() is not null;

    /// <summary>Writes this checkpoint as <paramref name="folder"/>, replacing an earlier one (see the class summary).</summary>
    public void Write(string folder)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints are little-endian");
        var folders = new CheckpointFolders(folder);
        SafeFile.CreateDirectory(folders.Parent);
        folders.FinishInterruptedSwitch();
        SafeFile.DeleteDirectory(folders.New);
        try
        {
            WriteCopy(folders.New);
        }
        catch
        {
            // A half-written copy is never read (no marker); removing it now gives back the space it took.
            TryDeleteDirectory(folders.New);
            throw;
        }
        folders.SwitchToNew();
    }

    private void WriteCopy(string folder)
    {
        SafeFile.CreateDirectory(folder);
        string dataPath = Path.Combine(folder, Header.DataFile);
        var entries = new List<CheckpointArrayEntry>();
        SafeFile.Guard("write", dataPath, () =>
        {
            using var data = new FileStream(dataPath, FileMode.CreateNew, FileAccess.Write);
            foreach (var a in Arrays.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                if (a.Data.Length != a.Shape.Aggregate(1, (x, y) => x * y))
                    throw new ArgumentException($"array '{a.Name}' has {a.Data.Length} values for shape [{string.Join(",", a.Shape)}]");
                entries.Add(new CheckpointArrayEntry(a.Name, a.Shape, data.Position));
                data.Write(MemoryMarshal.AsBytes(a.Data.AsSpan()));
            }
            data.Flush(flushToDisk: true);
        });
        WriteFlushed(Path.Combine(folder, HeaderFile), JsonConfig.Serialize(Header with { Arrays = entries }));
        WriteFlushed(Path.Combine(folder, CompleteMarker), CheckpointHeader.CurrentFormat + "\n");
    }

    private static void WriteFlushed(string path, string text) => SafeFile.Guard("write", path, () =>
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
        stream.Flush(flushToDisk: true);
    });

    private static void TryDeleteDirectory(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (Exception e) when (SafeFile.IsIoFailure(e)) { }
    }

    /// <summary>Reads the complete copy of <paramref name="folder"/>: the folder itself, or after an interrupted
    /// switch the new or the previous copy beside it.</summary>
    public static Checkpoint Read(string folder)
    {
        string source = new CheckpointFolders(folder).Readable()
            ?? throw new TrainingException($"{folder}: not a checkpoint (no {HeaderFile})");
        return ReadCopy(source);
    }

    /// <summary>The header of the complete copy of <paramref name="folder"/> only (e.g. the task file a run trains on).</summary>
    public static CheckpointHeader ReadHeader(string folder) =>
        HeaderOf(new CheckpointFolders(folder).Readable() ?? throw new TrainingException($"{folder}: not a checkpoint (no {HeaderFile})"));

    private static CheckpointHeader HeaderOf(string folder)
    {
        string headerPath = Path.Combine(folder, HeaderFile);
        CheckpointHeader header;
        try { header = JsonConfig.Parse<CheckpointHeader>(CheckpointHeaderUpgrade.ToCurrent(SafeFile.ReadAllText(headerPath), headerPath), headerPath); }
        catch (ConfigException e) { throw new TrainingException($"unreadable checkpoint header: {e.Message}", e); }
        if (header.Format != CheckpointHeader.CurrentFormat)
            throw new TrainingException($"{headerPath}: format '{header.Format}' is not '{CheckpointHeader.CurrentFormat}'");
        return header;
    }

    private static Checkpoint ReadCopy(string folder)
    {
        var header = HeaderOf(folder);
        string dataPath = Path.Combine(folder, header.DataFile);
        if (!File.Exists(dataPath)) throw new TrainingException($"{folder}: data file {header.DataFile} is missing");
        byte[] bytes = SafeFile.ReadAllBytes(dataPath);
        var arrays = new List<NamedArray>();
        foreach (var e in header.Arrays)
        {
            long byteCount = 4L * e.Count;
            if (e.Offset < 0 || e.Count < 0 || e.Offset + byteCount > bytes.Length)
                throw new TrainingException($"{dataPath}: array '{e.Name}' lies outside the file ({bytes.Length} bytes)");
            var data = MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)e.Offset, (int)byteCount)).ToArray();
            arrays.Add(new NamedArray(e.Name, e.Shape, data));
        }
        return new Checkpoint(header, arrays);
    }
}
