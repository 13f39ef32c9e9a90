using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks;

namespace EiRnn.Training.Tests;

[TestClass]
public sealed class TrainConfigTests
{
    private static readonly TaskRegistry Registry = TaskRegistry.BuiltIn();

    private static string FieldOf(string? json, string? task = "rdm-fixed") =>
        Assert.ThrowsExactly<ConfigException>(() => TrainConfigResolver.Resolve(json, task, null, Registry)).Field;

    [TestMethod]
    public void UnknownKeyIsRejectedByName() => Assert.AreEqual("learning_rat", FieldOf("""{ "learning_rat": 0.1 }"""));

    [TestMethod]
    public void NegativeTauIsRejectedByName() => Assert.AreEqual("network.tau_ms", FieldOf("""{ "network": { "type": "rate", "tau_ms": -5 } }"""));

    [TestMethod]
    public void ExcitatoryFractionAboveOneIsRejectedByName() =>
        Assert.AreEqual("network.excitatory_fraction", FieldOf("""{ "network": { "type": "rate", "excitatory_fraction": 1.2 } }"""));

    [TestMethod]
    public void MissingTaskIsRejectedByName() => Assert.AreEqual("task", FieldOf("""{ "network": { "type": "rate", "n": 50 } }""", task: null));

    [TestMethod]
    public void UnknownTaskIsRejectedByName() => Assert.AreEqual("task", FieldOf(null, task: "no-such-task"));

    [TestMethod]
    public void MessageNamesTheAllowedRange()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => TrainConfigResolver.Resolve("""{ "batch_size": 0 }""", "rdm-fixed", null, Registry));
        StringAssert.Contains(e.Message, "batch_size");
        StringAssert.Contains(e.Message, "[1, 100000]");
    }

    [TestMethod]
    public void DefaultsComeFromTaskAndPycogTableOne()
    {
        var c = TrainConfigResolver.Resolve(null, "rdm-fixed", 5, Registry);
        Assert.AreEqual((100, 20, 20.0, 0.01, 1.0, 2.0, 1.5, 0.2, 1e-4, 5UL),
            (c.Network.N, c.BatchSize, c.DtMs, c.LearningRate, c.MaxGradNorm, c.Rate.LambdaOmega, c.Rate.SpectralRadius, c.Rate.U0, c.Rate.WMin, c.Seed));
        Assert.AreEqual(0.15, c.Rate.SigmaRec, 1e-6);
        Assert.AreEqual(0.01, c.Rate.SigmaIn, 1e-6);
        Assert.AreEqual(OptimiserKind.Sgd, c.Optimiser);
        Assert.AreEqual(500, c.EffectiveValidationEvery, "floor(10000 / 20)");
    }

    [TestMethod]
    public void FileOverridesMergeOverDefaultsAndPresetSwitchesRecipe()
    {
        var c = TrainConfigResolver.Resolve("""
            // comments and trailing commas are allowed
            { "task": "rdm-fixed", "preset": "psychrnn", "network": { "n": 50, "type": "rate", }, }
            """, null, null, Registry);
        Assert.AreEqual(50, c.Network.N);
        Assert.AreEqual(Preset.Psychrnn, c.Preset);
        Assert.AreEqual(OptimiserKind.Adam, c.Optimiser);
        Assert.AreEqual(0.001, c.LearningRate);
        Assert.AreEqual(GradientClipping.PerTensor, c.Clipping);
        Assert.AreEqual(0.0, c.Rate.U0);
        Assert.IsTrue(c.Rate.Autapses);
    }
}
