using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks;

namespace EiRnn.Training.Tests;

/// <summary>`"network": {"type": "lstm"}` in a train config: PsychRNN's recipe, and rate-network keys rejected by their path.</summary>
[TestClass]
public sealed class LstmNetworkConfigTests
{
    private static readonly TaskRegistry Registry = TaskRegistry.BuiltIn();

    private static TrainConfig Resolve(string json) => TrainConfigResolver.Resolve(json, "rdm-fixed", null, Registry);

    [TestMethod]
    [DataRow("dale", "true")]
    [DataRow("dale", "false")]   // even the value an LSTM would have: no key is silently ignored
    [DataRow("excitatory_fraction", "0.5")]
    [DataRow("lambda_omega", "2")]
    [DataRow("sigma_rec", "0.1")]
    [DataRow("u0", "0.2")]
    [DataRow("structure", "\"rdm-structured\"")]
    [DataRow("hidden", "\"tanh\"")]
    [DataRow("output", "\"sigmoid\"")]
    [DataRow("l2_rate", "0.1")]
    [DataRow("w_min", "0.001")]
    [DataRow("carry_state_in_training", "true")]
    public void RateNetworkKeyIsRejectedByPath(string key, string value)
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => Resolve($$"""{ "network": { "type": "lstm", "{{key}}": {{value}} } }"""));
        Assert.AreEqual($"network.{key}", e.Field);
        StringAssert.Contains(e.Message, "does not apply to network type lstm");
    }

    [TestMethod]
    public void ARateNetworkKeyInAnLstmBlockIsRefusedByTheStrictReaderToo()
    {
        // Checkpoint headers are read without the resolver: the record itself has no such key.
        string json = JsonConfig.Serialize(TinyNetworks.Lstm()).Replace("\"type\": \"lstm\",", "\"type\": \"lstm\", \"l1_rec\": 0.1,", StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Parse<TrainConfig>(json));
        Assert.AreEqual("network.l1_rec", e.Field);
    }

    [TestMethod]
    [DataRow("mante", "areas", "true", "structure")]
    [DataRow("multisensory", "connect_start_cue", "true", "connect_start_cue")]
    public void ATaskOptionThatChangesTheRateNetworkIsRejectedByName(string task, string option, string value, string networkKey)
    {
        string json = $$"""{ "network": { "type": "lstm" }, "task_options": { "{{option}}": {{value}} } }""";
        var e = Assert.ThrowsExactly<ConfigException>(() => TrainConfigResolver.Resolve(json, task, null, Registry));
        Assert.AreEqual($"task_options.{option}", e.Field);
        StringAssert.Contains(e.Message, $"changes the rate network's {networkKey}");
        StringAssert.Contains(e.Message, "does not apply to network type lstm");
        // The same option on a rate network is what sets that key (docs/tasks.md#mante, docs/tasks.md#multisensory).
        Assert.AreEqual(NetworkArch.EiRnn, TrainConfigResolver.Resolve($$"""{ "task_options": { "{{option}}": {{value}} } }""", task, null, Registry).Architecture);
    }

    [TestMethod]
    [DataRow("mante", """{ "areas": false }""")]
    [DataRow("perceptual-discrimination", """{ "coherences": [0.7], "trial_ms": 1500 }""")]
    [DataRow("match-to-category", """{ "n_in": 8 }""")]
    public void TaskOptionsThatOnlyChangeTheTrialsApplyToAnLstm(string task, string options)
    {
        var c = TrainConfigResolver.Resolve($$"""{ "network": { "type": "lstm" }, "task_options": {{options}} }""", task, null, Registry);
        Assert.AreEqual(NetworkArch.Lstm, c.Architecture);
    }

    [TestMethod]
    public void DefaultsAreThePsychRnnRecipeWithTheTasksSizes()
    {
        var c = Resolve("""{ "network": { "type": "lstm" } }""");
        // docs/training.md#gradient-clipping-and-the-non-finite-safeguard (PsychRNN: Adam 10⁻³, per-tensor clipping to 1), docs/tasks.md#rdm-fixed (rdm-fixed: N 100, minibatch 20, dt 20 ms).
        Assert.AreEqual((Preset.Psychrnn, OptimiserKind.Adam, 0.001, GradientClipping.PerTensor, 1.0, LossNormalisation.PsychrnnMean),
            (c.Preset, c.Optimiser, c.LearningRate, c.Clipping, c.MaxGradNorm, c.Loss));
        Assert.AreEqual((100, 20, 20.0, 1100), (c.Network.N, c.BatchSize, c.DtMs, c.ValidationTrials));
        Assert.IsInstanceOfType<LstmNetworkConfig>(c.Network);
    }

    [TestMethod]
    public void AnExplicitPresetKeepsItsOptimiserButNotItsRateNetworkTerms()
    {
        var c = Resolve("""{ "network": { "type": "lstm", "n": 12 }, "preset": "pycog" }""");
        Assert.AreEqual((OptimiserKind.Sgd, 0.01, GradientClipping.GlobalNorm), (c.Optimiser, c.LearningRate, c.Clipping));
        Assert.AreEqual(new LstmNetworkConfig { N = 12 }, c.Network, "pycog's Ω, Dale and noise do not carry over to an LSTM");
    }

    [TestMethod]
    [DataRow("""{ "network": { "type": "gru" } }""")]
    [DataRow("""{ "network": { "n": 50 } }""")]
    public void AnUnknownOrMissingNetworkTypeIsRejectedByPath(string json)
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => Resolve(json));
        Assert.AreEqual("network.type", e.Field);
        StringAssert.Contains(e.Message, "rate, lstm");
    }

    [TestMethod]
    public void PrintedConfigOfAnLstmShowsOnlyTheKeysItUses()
    {
        string lstm = Resolve("""{ "network": { "type": "lstm" } }""").Describe();
        StringAssert.Contains(lstm, "\"learning_rate\"");
        StringAssert.Contains(lstm, "\"type\": \"lstm\"");
        Assert.IsFalse(lstm.Contains("\"dale\"") || lstm.Contains("\"lambda_omega\"") || lstm.Contains("\"tau_ms\""), lstm);
        StringAssert.Contains(Resolve("{}").Describe(), "\"dale\": true");
    }
}
