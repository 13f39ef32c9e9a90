using EiRnn.Core.Errors;
using EiRnn.Tasks;

namespace EiRnn.Training.Tests;

/// <summary>A train config in the flat form of commit 1df30a3 (no network block) fails, saying where each moved key goes.</summary>
[TestClass]
public sealed class FlatFormTests
{
    private static ConfigException Refusal(string json) =>
        Assert.ThrowsExactly<ConfigException>(() => TrainConfigResolver.Resolve(json, "rdm-fixed", null, TaskRegistry.BuiltIn(), "old.json"));

    [TestMethod]
    [DataRow("""{ "n": 50 }""", "n", "(either type): move it to network.n")]
    [DataRow("""{ "learning_rate": 0.1, "sigma_rec": 0 }""", "sigma_rec", "(type rate): move it to network.sigma_rec")]
    [DataRow("""{ "w_min": 0.001 }""", "w_min", "(type rate): move it to network.w_min")]
    [DataRow("""{ "architecture": "lstm", "n": 10 }""", "architecture", "is now network.type")]
    public void AMovedKeyIsNamedWithItsNewPlace(string json, string key, string advice)
    {
        var e = Refusal(json);
        Assert.AreEqual(key, e.Field);
        StringAssert.Contains(e.Message, advice);
        StringAssert.Contains(e.Message, "docs/training.md#the-flat-form-before-the-network-block");
        StringAssert.Contains(e.Message, "(in old.json)");
    }

    [TestMethod]
    public void AKeyThatNeverExistedIsStillJustUnknown()
    {
        var e = Refusal("""{ "sigma_recc": 0 }""");
        Assert.AreEqual("config: 'sigma_recc' is not a known key (in old.json)", e.Message);
    }
}
