using System.IO.Compression;
using EiRnn.Core.Errors;

namespace EiRnn.Interop.Numpy;

/// <summary>
/// The members of an .npz file (a zip of .npy files, stored or deflated, with or without zip64 fields) by key:
/// the member name without ".npy". Keys may contain '/' (PsychRNN's optimiser slots, e.g. "W_rec/Adam").
/// </summary>
public sealed record NpzArchive(string Source, IReadOnlyDictionary<string, NpyMember> Members)
{
    public static NpzArchive Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: does not exist");
        return Read(File.ReadAllBytes(path), path);
    }

    public static NpzArchive Read(byte[] bytes, string source)
    {
        var members = new Dictionary<string, NpyMember>(StringComparer.Ordinal);
        ZipArchive zip;
        try { zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw new ModelFileException($"{source}: not a readable .npz (zip) file: {e.Message}", e); }
        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a directory record
                string key = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                byte[] data;
                try
                {
                    using var s = entry.Open();
                    using var buffer = new MemoryStream();
                    s.CopyTo(buffer);
                    data = buffer.ToArray();
                }
                catch (InvalidDataException e) { throw new ModelFileException($"{source}: array '{key}': its zip member is damaged: {e.Message}", e); }
                catch (IOException e) { throw new ModelFileException($"{source}: array '{key}': its zip member cannot be read: {e.Message}", e); }
                if (!members.TryAdd(key, NpyReader.Read(data, key, source)))
                    throw new ModelFileException($"{source}: array '{key}' appears twice");
            }
        }
        return new NpzArchive(source, members);
    }
}
