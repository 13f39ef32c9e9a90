using System.Text.Json.Serialization;
using EiRnn.Core.Network;

namespace EiRnn.Core.Config;

/// <summary>
/// <c>"network": {"type": "lstm"}</c>: the LSTM baseline of docs/model.md#lstm-baseline. It has no biological
/// constraints (no Dale's law, masks, time constants, noise, initialiser choices, Ω, regularisers or pruning,
/// and a linear readout), so its only key is its size; loss, optimiser and schedule are the shared keys.
/// </summary>
public sealed record LstmNetworkConfig : NetworkConfig
{
    [JsonIgnore] public override NetworkArch Arch => NetworkArch.Lstm;
}
