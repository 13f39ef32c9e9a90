using System.Globalization;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Reading;

/// <summary>The model's metadata_props with typed accessors whose errors name the key and the file.</summary>
internal sealed class MetadataTable
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _source;

    public MetadataTable(ModelProto model, string source)
    {
        _source = source;
        foreach (var e in model.MetadataProps)
            if (!_values.TryAdd(e.Key, e.Value))
                throw new ModelFileException($"{source}: metadata key '{e.Key}' appears more than once");
        var missing = Meta.Required.Where(k => !_values.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            throw new ModelFileException($"{source}: required metadata {(missing.Length == 1 ? "key" : "keys")} {string.Join(", ", missing.Select(k => $"'{k}'"))} missing");
    }

    public static IReadOnlyList<KeyValuePair<string, string>> All(ModelProto model) =>
        model.MetadataProps.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)).ToArray();

    public string Text(string key) => _values[key];

    /// <summary>The network with the optional training provenance (eirnn.train_config, eirnn.initial_weights_sha256) when recorded,
    /// so that re-exporting a file keeps it.</summary>
    public TrainedNetwork WithProvenance(TrainedNetwork network)
    {
        TrainConfig? config = null;
        if (_values.TryGetValue(Meta.TrainConfig, out var json))
        {
            try { config = JsonConfig.Parse<TrainConfig>(json, Meta.TrainConfig); }
            catch (ConfigException e) { throw new ModelFileException($"{_source}: metadata {Meta.TrainConfig} is not a train config: {e.Message}", e); }
        }
        return network with { TrainConfig = config, InitialWeightsSha256 = _values.GetValueOrDefault(Meta.InitialWeightsSha256) };
    }

    public string TextOr(string key, string fallback) => _values.GetValueOrDefault(key, fallback);

    public int Count(string key) =>
        int.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v : throw Bad(key, "a non-negative integer");

    public ulong Seed(string key) =>
        ulong.TryParse(_values[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v : throw Bad(key, "an unsigned integer");

    public float PositiveNumber(string key) =>
        float.TryParse(_values[key], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && v > 0 && float.IsFinite(v)
            ? v : throw Bad(key, "a positive number");

    public string[] Names(string key)
    {
        try
        {
            var names = JsonConfig.Parse<string[]>(_values[key]);
            if (names.Any(string.IsNullOrEmpty)) throw Bad(key, "a JSON array of non-empty strings");
            return names;
        }
        catch (ConfigException) { throw Bad(key, "a JSON array of non-empty strings"); }
    }

    public JsonDocument Json(string key)
    {
        try
        {
            var doc = JsonConfig.ParseDocument(_values[key]);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(key, "a JSON object");
            return doc;
        }
        catch (ConfigException e) { throw Bad(key, $"a JSON object ({e.Message})"); }
    }

    private ModelFileException Bad(string key, string what)
    {
        string v = _values[key];
        return new ModelFileException($"{_source}: metadata '{key}' must be {what}, got '{(v.Length > 80 ? v[..80] + "…" : v)}'");
    }
}
