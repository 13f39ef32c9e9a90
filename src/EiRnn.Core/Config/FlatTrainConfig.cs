using System.Text.Json.Nodes;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>
/// The train-config shape before the `network` block (docs/training.md#the-flat-form-before-the-network-block):
/// one flat object whose "architecture" key (ei-rnn or lstm) chose the network. A user's file in that shape is
/// refused with a message saying where each moved key now goes; a checkpoint written then is converted when
/// read (<see cref="Nest"/>). Which keys moved is read from the network records' contracts, not listed here.
/// </summary>
public static class FlatTrainConfig
{
    /// <summary>The flat form's network discriminator (values ei-rnn, lstm).</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>Derived and written by the flat form; never a setting.</summary>
    private const string DerivedKey = "effective_validation_every";

    private static readonly IReadOnlySet<string> RateKeys = NetworkConfig.KeysOf(typeof(RateNetworkConfig));
    private static readonly IReadOnlySet<string> LstmKeys = NetworkConfig.KeysOf(typeof(LstmNetworkConfig));

    /// <summary>The error for a top-level key of the flat form that now lives in the network block; null for any other key.</summary>
    public static ConfigException? Moved(string key)
    {
        const string see = "see docs/training.md#the-flat-form-before-the-network-block";
        if (key == ArchitectureKey)
            return new ConfigException(key, $"is now network.type: write \"network\": {{\"type\": \"{NetworkConfig.RateType}\"}} " +
                                            $"for ei-rnn or {{\"type\": \"{NetworkConfig.LstmType}\"}} for lstm; {see}");
        bool rate = RateKeys.Contains(key), lstm = LstmKeys.Contains(key);
        if (!rate && !lstm) return null;
        string type = rate && lstm ? "either type" : rate ? $"type {NetworkConfig.RateType}" : $"type {NetworkConfig.LstmType}";
        return new ConfigException(key, $"now belongs in 'network' ({type}): move it to network.{key}; {see}");
    }

    /// <summary>A flat-form config object in the nested form (rate-network keys of a flat LSTM config held
    /// neutral values and are dropped).</summary>
    public static JsonObject Nest(JsonObject flat)
    {
        bool isLstm = flat[ArchitectureKey]?.GetValue<string>() == "lstm";
        var keep = isLstm ? LstmKeys : RateKeys;
        var network = new JsonObject { [NetworkConfig.TypeKey] = isLstm ? NetworkConfig.LstmType : NetworkConfig.RateType };
        var nested = new JsonObject();
        foreach (var (key, value) in flat)
        {
            if (key is ArchitectureKey or DerivedKey) continue;
            if (keep.Contains(key)) network[key] = value?.DeepClone();
            else if (!RateKeys.Contains(key)) nested[key] = value?.DeepClone();
        }
        nested["network"] = network;
        return nested;
    }
}
