using EiRnn.Core.Config;

namespace EiRnn.Core.Checkpoints;

/// <summary>
/// Reads checkpoint headers of earlier formats as the current one (docs/checkpoints.md, `format`): format 1
/// held the flat train config, which <see cref="FlatTrainConfig.Nest"/> turns into the network-block form.
/// </summary>
internal static class CheckpointHeaderUpgrade
{
    public const string FlatConfigFormat = "eirnn-checkpoint/1";

    /// <summary>The header JSON in the current format (unchanged when it already is, or is of an unknown format).</summary>
    public static string ToCurrent(string json, string source)
    {
        var header = JsonConfig.ParseObject(json, source);
        if (header["format"]?.GetValue<string>() != FlatConfigFormat || header["config"] is not System.Text.Json.Nodes.JsonObject config) return json;
        header["config"] = FlatTrainConfig.Nest(config);
        header["format"] = CheckpointHeader.CurrentFormat;
        return header.ToJsonString();
    }
}
