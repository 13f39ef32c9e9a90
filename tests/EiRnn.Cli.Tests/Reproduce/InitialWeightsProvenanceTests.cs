using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EiRnn.Cli.Reproduce;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Onnx.Contract;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks;
using EiRnn.Training;
using EiRnn.Training.Initialisation;

namespace EiRnn.Cli.Tests.Reproduce;

/// <summary>docs/reproduce.md#initial-weights: training records its resolved config and the initial weights' SHA-256 in the
/// checkpoint and in model.onnx, and `reproduce` regenerates the weights from them, refusing when they do not match.</summary>
[TestClass]
public sealed class InitialWeightsProvenanceTests
{
    [TestMethod]
    public void ATrainedModelRecordsTheHashOfItsRegeneratedInitialWeights() => TempFolder.Run("eirnn-initial-hash-", dir =>
    {
        string run = Path.Combine(dir, "run"), cfg = Path.Combine(dir, "cfg.json");
        File.WriteAllText(cfg, """{ "network": { "type": "rate", "n": 20 }, "max_trials": 40, "validation_trials": 22, "validation_every": 1 }""");
        var r = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--out", run, "--seed", "7");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        var file = ModelReader.Read(Path.Combine(run, "model.onnx"));
        string json = Meta(file, ModelContract.Meta.TrainConfig), recorded = Meta(file, ModelContract.Meta.InitialWeightsSha256);

        // Oracle: the initial parameters rebuilt here and hashed with the BCL's one-shot SHA-256 over their bytes.
        var config = JsonConfig.Parse<TrainConfig>(json, "test");
        Assert.AreEqual(7UL, config.Seed);
        var task = TaskRegistry.BuiltIn().Create(config.Task, file.Network.Training.TaskOptions, "test");
        var (_, connectivity) = NetworkAssembly.Build(config, task.Description);
        var p = NetworkInitialiser.Create(config.Rate, connectivity, config.Seed);
        var bytes = new[] { p.WInPlastic, p.WRecPlastic, p.WOutPlastic, p.WInFixed, p.WRecFixed, p.WOutFixed,
            p.MaskIn, p.MaskRec, p.MaskOut, p.BRec, p.BOut, p.X0 }.SelectMany(a => a.SelectMany(BitConverter.GetBytes)).ToArray();
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), recorded);
        Assert.AreEqual(recorded, Checkpoint.Read(Path.Combine(run, "checkpoints", "best")).Header.InitialWeightsSha256);

        var regenerated = InitialWeightsRecord.Regenerate(file, TaskRegistry.BuiltIn());
        Assert.IsNull(regenerated.UnavailableReason);
        Assert.AreEqual(20 * 20, regenerated.WRec!.Length);

        // Another seed in the recorded config regenerates other weights: the hash no longer matches and Regenerate refuses.
        var changed = JsonNode.Parse(json)!;
        changed["seed"] = 8;
        var tampered = file with { Metadata = [.. file.Metadata.Select(kv => kv.Key == ModelContract.Meta.TrainConfig
            ? new KeyValuePair<string, string>(kv.Key, changed.ToJsonString()) : kv)] };
        var refused = InitialWeightsRecord.Regenerate(tampered, TaskRegistry.BuiltIn());
        Assert.IsNull(refused.WRec);
        StringAssert.StartsWith(refused.UnavailableReason, "refused");
    });

    private static string Meta(ModelFile file, string key) =>
        file.Metadata.Single(kv => kv.Key == key).Value;
}
