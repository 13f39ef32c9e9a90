using System.Security.Cryptography;
using System.Text;
using EiRnn.Core.Config;
using EiRnn.Core.Io;

namespace EiRnn.Cli.Pipeline;

/// <summary>
/// Remembers, per stage, a content hash of what the stage read (its settings and the bytes of its input
/// files) in OUT/.pipeline/&lt;stage&gt;.sha256. A stage whose hash is unchanged and whose outputs exist is skipped.
/// </summary>
public sealed class StageCache(string outDir)
{
    private string Folder => Path.Combine(outDir, ".pipeline");

    public static string Hash(object settings, IEnumerable<string> inputFiles)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(JsonConfig.Serialize(settings, indented: false)));
        // A missing input hashes as absent; the stage itself then reports what is missing.
        foreach (var file in inputFiles.Where(File.Exists).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes("\n" + Path.GetFileName(file) + "\n"));
            using var stream = SafeFile.Guard("read", file, () => File.OpenRead(file));
            sha.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public bool IsFresh(string stage, string hash, IEnumerable<string> outputs) =>
        File.Exists(PathOf(stage)) && SafeFile.ReadAllText(PathOf(stage)).Trim() == hash && outputs.All(o => File.Exists(o) || Directory.Exists(o));

    public void Record(string stage, string hash)
    {
        SafeFile.CreateDirectory(Folder);
        SafeFile.WriteAllTextAtomically(PathOf(stage), hash + "\n");
    }

    /// <summary>Forgets a stage (its outputs are about to be rebuilt), so an interrupted rebuild is never "fresh".</summary>
    public void Invalidate(string stage)
    {
        if (File.Exists(PathOf(stage))) SafeFile.Guard("delete", PathOf(stage), () => File.Delete(PathOf(stage)));
    }

    private string PathOf(string stage) => Path.Combine(Folder, stage + ".sha256");
}
