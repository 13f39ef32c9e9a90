using EiRnn.Analysis.Claims;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Onnx.Contract;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks;
using EiRnn.Training;
using EiRnn.Training.Initialisation;

namespace EiRnn.Cli.Reproduce;

/// <summary>
/// The initial weights of a trained model, regenerated from what its metadata records (docs/reproduce.md#initial-weights): the resolved
/// training config (<see cref="ConfigKey"/>) and the SHA-256 of the initial parameters (<see cref="HashKey"/>). Regeneration runs the
/// trainer's own initialiser with the recorded config and seed; a hash that does not match refuses the comparison.
/// </summary>
internal static class InitialWeightsRecord
{
    public const string ConfigKey = ModelContract.Meta.TrainConfig;
    public const string HashKey = ModelContract.Meta.InitialWeightsSha256;

    public static InitialWeights Regenerate(ModelFile file, TaskRegistry tasks)
    {
        string? json = Value(file, ConfigKey), recorded = Value(file, HashKey);
        if (json is null || recorded is null)
            return InitialWeights.Unavailable($"not measurable: the model's metadata has no {(json is null ? ConfigKey : HashKey)} " +
                                              "(models trained before training recorded its resolved config and initial-weight hash), so the initial weights cannot be regenerated and verified");
        var config = JsonConfig.Parse<TrainConfig>(json, ConfigKey);
        var task = tasks.Create(config.Task, file.Network.Training.TaskOptions, "eirnn.training.task_options");
        var (_, connectivity) = NetworkAssembly.Build(config, task.Description);
        var p = NetworkInitialiser.Create(config.Rate, connectivity, config.Seed);
        string hash = InitialWeightsHash.Of(p);
        if (!string.Equals(hash, recorded, StringComparison.OrdinalIgnoreCase))
            return InitialWeights.Unavailable($"refused: the regenerated initial weights have SHA-256 {hash}, the model records {recorded}");
        int n = connectivity.N;
        var types = connectivity.UnitTypes;
        var w = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                float v = p.MaskRec[k] * p.WRecPlastic[k] + p.WRecFixed[k];
                if (config.Rate.Dale)
                    v = (config.Rate.Positivity == Positivity.AbsoluteValue ? Math.Abs(v) : Math.Max(v, 0)) * (types[j] == UnitType.Inhibitory ? -1 : 1);
                w[k] = v;
            }
        return InitialWeights.Of(w);
    }

    private static string? Value(ModelFile file, string key) => file.Metadata.FirstOrDefault(kv => kv.Key == key).Value;
}
