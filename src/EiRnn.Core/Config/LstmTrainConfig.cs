using System.Text.Json.Nodes;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>
/// Which train-config keys an LSTM (docs/model.md#lstm-baseline: no biological constraints) uses. The loss, optimiser,
/// clipping, schedule and stopping keys mean the same as for the rate network; every other key describes
/// the rate network only (Dale's law, masks, time constants, noise, baseline, initialisers, Ω, regularisers,
/// pruning). In an LSTM config those keys hold fixed neutral values, so that no option is silently ignored:
/// a user who sets one to anything else gets an error naming it.
/// </summary>
public static class LstmTrainConfig
{
    /// <summary>The keys an LSTM run reads.</summary>
    public static IReadOnlySet<string> ApplicableKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "task", "task_options", "curriculum", "preset", "seed", "architecture", "n", "dt_ms", "loss",
        "optimiser", "learning_rate", "beta1", "beta2", "epsilon", "rmsprop_decay",
        "clipping", "max_grad_norm", "max_consecutive_bad_gradients",
        "batch_size", "validation_trials", "validation_every", "patience_validations",
        "max_updates", "max_trials", "max_wall_seconds",
        "effective_validation_every",   // derived from validation_every and batch_size
    };

    /// <summary>
    /// Values of the rate-network-only keys in an LSTM config: switched off where the key is a feature (Dale,
    /// noise, baseline, rectification, Ω, pruning), the record's defaults where it is merely unused.
    /// </summary>
    private static readonly TrainConfig Neutral = new()
    {
        Dale = false, SigmaRec = 0, SigmaIn = 0, U0 = 0, RectifyInputs = false, LambdaOmega = 0, WMin = 0,
    };

    /// <summary><paramref name="config"/> with every rate-network-only key at its neutral value.</summary>
    public static TrainConfig Neutralise(TrainConfig config)
    {
        var merged = JsonNode.Parse(JsonConfig.Serialize(config))!.AsObject();
        foreach (var (key, value) in NeutralValues())
            merged[key] = value?.DeepClone();
        return JsonConfig.Parse<TrainConfig>(merged.ToJsonString());
    }

    /// <summary>Throws naming the first rate-network-only key whose value is not the neutral one.</summary>
    public static void Check(TrainConfig config)
    {
        var actual = JsonNode.Parse(JsonConfig.Serialize(config))!.AsObject();
        foreach (var (key, value) in NeutralValues())
            if (!JsonNode.DeepEquals(value, actual[key]))
                throw new ConfigException(key, "does not apply to architecture lstm (the LSTM baseline of docs/model.md#lstm-baseline has no Dale's law, " +
                    "masks, time constants, noise, initialiser choices, Ω, regularisers or pruning, and a linear readout); remove it");
    }

    /// <summary>The config as JSON with only the keys an LSTM uses.</summary>
    public static string ApplicableJson(TrainConfig config)
    {
        var all = JsonNode.Parse(JsonConfig.Serialize(config))!.AsObject();
        var used = new JsonObject();
        foreach (var (key, value) in all)
            if (ApplicableKeys.Contains(key)) used[key] = value?.DeepClone();
        return used.ToJsonString(JsonConfig.Options);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> NeutralValues() =>
        JsonNode.Parse(JsonConfig.Serialize(Neutral))!.AsObject().Where(p => !ApplicableKeys.Contains(p.Key));
}
