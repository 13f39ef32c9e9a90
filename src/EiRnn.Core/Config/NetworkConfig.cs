using System.Text.Json.Serialization;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Config;

/// <summary>
/// The `network` block of a train config (docs/training.md#train-config): what is trained, chosen by its
/// <c>type</c> key. Each type declares only the keys it reads, so the strict JSON layer refuses a key of the
/// other type by its path (network.sigma_rec in an LSTM) without any list of key names.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = TypeKey, UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RateNetworkConfig), RateType)]
[JsonDerivedType(typeof(LstmNetworkConfig), LstmType)]
public abstract record NetworkConfig
{
    public const string TypeKey = "type", RateType = "rate", LstmType = "lstm";

    /// <summary>Number of recurrent (rate network) or hidden (LSTM) units.</summary>
    public int N { get; init; } = 100;

    /// <summary>Not a key: each override repeats [JsonIgnore], which the serializer does not inherit.</summary>
    [JsonIgnore] public abstract NetworkArch Arch { get; }

    /// <summary>The discriminator value written for this type ("rate" or "lstm").</summary>
    [JsonIgnore] public string TypeLabel => DerivedTypes().Single(a => a.DerivedType == GetType()).TypeDiscriminator!.ToString()!;

    /// <summary>Checks every range; <paramref name="shared"/> gives the shared keys some ranges depend on (dt_ms, batch_size).</summary>
    public virtual void Validate(TrainConfig shared)
    {
        if (N < 2 || N > 100_000) throw new ConfigException("network.n", $"must be in [2, 100000], got {N}");
    }

    /// <summary>The discriminator values, from the attributes above.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = DerivedTypes().Select(a => (string)a.TypeDiscriminator!).ToArray();

    private static IEnumerable<JsonDerivedTypeAttribute> DerivedTypes() =>
        typeof(NetworkConfig).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false).Cast<JsonDerivedTypeAttribute>();

    /// <summary>The JSON keys a network type declares, from the serializer's contract (no hand-kept list).</summary>
    public static IReadOnlySet<string> KeysOf(Type networkType) =>
        JsonConfig.Options.GetTypeInfo(networkType).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
}
