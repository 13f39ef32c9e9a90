using System.Text.Json.Nodes;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Data.Layout;
using EiRnn.Core.Io;

namespace EiRnn.Data.Manifest;

/// <summary>
/// Reads `manifest.json`, and writes it exactly once per dataset: the first writer creates it atomically
/// (temporary name, then rename), every later writer (another shard, a resumed run) checks that its own
/// manifest is identical and otherwise refuses to write, naming the first key that differs.
/// </summary>
public static class ManifestStore
{
    public static DatasetManifest Read(string datasetDirectory)
    {
        string path = DatasetLayout.ManifestPath(datasetDirectory);
        if (!Directory.Exists(datasetDirectory)) throw new DatasetException($"dataset '{datasetDirectory}' does not exist");
        if (!File.Exists(path)) throw new DatasetException($"dataset '{datasetDirectory}' has no {DatasetLayout.ManifestFileName} (not a dataset, or no shard has started)");
        try
        {
            return JsonConfig.Load<DatasetManifest>(path, m => m.Validated());
        }
        catch (ConfigException e)
        {
            throw new DatasetException(e.Message, e);   // names the file and the key
        }
    }

    /// <summary>Creates the manifest if absent, else verifies the existing one equals <paramref name="manifest"/>.</summary>
    /// <param name="writerTag">Makes the temporary file name unique to this writer (e.g. its shard index).</param>
    public static void WriteOrVerify(string datasetDirectory, DatasetManifest manifest, string writerTag)
    {
        manifest.Validated();
        SafeFile.CreateDirectory(datasetDirectory);
        string path = DatasetLayout.ManifestPath(datasetDirectory);
        if (!File.Exists(path))
        {
            string temp = Path.Combine(datasetDirectory, $".{DatasetLayout.ManifestFileName}.{writerTag}.{Environment.ProcessId}.tmp");
            SafeFile.Guard("write", path, () => File.WriteAllText(temp, JsonConfig.Serialize(manifest) + "\n"));
            try
            {
                // No overwrite: if another shard created it meanwhile, fall through and verify against theirs.
                File.Move(temp, path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                SafeFile.TryDelete(temp);
            }
            catch (Exception e) when (SafeFile.IsIoFailure(e))
            {
                SafeFile.TryDelete(temp);
                throw SafeFile.Describe("rename", path, e);
            }
        }
        var existing = Read(datasetDirectory);
        string? key = FirstDifference(JsonSerializer.SerializeToNode(existing, JsonConfig.Options),
            JsonSerializer.SerializeToNode(manifest, JsonConfig.Options), "");
        if (key is not null)
            throw new DatasetException(
                $"{path}: this run's manifest differs at '{key}' from the dataset's; write to a new folder or use the same model, task and settings");
    }

    /// <summary>The JSON path of the first value that differs between two manifests, or null when equal.</summary>
    internal static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (null, null): return null;
            case (JsonObject oa, JsonObject ob):
                foreach (string k in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                {
                    string sub = path.Length == 0 ? k : $"{path}.{k}";
                    if (!oa.ContainsKey(k) || !ob.ContainsKey(k)) return sub;
                    if (FirstDifference(oa[k], ob[k], sub) is string d) return d;
                }
                return null;
            case (JsonArray xa, JsonArray xb):
                for (int i = 0; i < Math.Min(xa.Count, xb.Count); i++)
                    if (FirstDifference(xa[i], xb[i], $"{path}[{i}]") is string d) return d;
                return xa.Count == xb.Count ? null : path;
            default:
                return JsonNode.DeepEquals(a, b) ? null : (path.Length == 0 ? "$" : path);
        }
    }
}
