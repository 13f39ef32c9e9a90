using EiRnn.Core.Config;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Tests;

[TestClass]
public sealed class JsonConfigTests
{
    public sealed record Inner(double TauMs = 100);
    public sealed record Sample(string Task, int BatchSize = 20, Inner? Network = null);

    [TestMethod]
    public void ReadsSnakeCaseWithCommentsAndTrailingCommas()
    {
        var s = JsonConfig.Parse<Sample>("""
            // a comment
            { "task": "rdm-fixed", "batch_size": 7, "network": { "tau_ms": 50, }, }
            """);
        Assert.AreEqual(new Sample("rdm-fixed", 7, new Inner(50)), s);
    }

    [TestMethod]
    public void UnknownKeyIsNamedWithItsPath()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() =>
            JsonConfig.Parse<Sample>("""{ "task": "x", "network": { "tau": 1 } }"""));
        Assert.AreEqual("network.tau", e.Field);
        StringAssert.Contains(e.Message, "not a known key");
    }

    [TestMethod]
    public void MissingRequiredKeyIsNamed()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Parse<Sample>("""{ "batch_size": 3 }"""));
        Assert.AreEqual("task", e.Field);
        Assert.IsFalse(e.Message.Contains('\n'), "one line");
    }

    [TestMethod]
    public void WrongTypeIsNamed()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Parse<Sample>("""{ "task": "x", "batch_size": "many" }"""));
        Assert.AreEqual("batch_size", e.Field);
    }
}

[TestClass]
public sealed class JsonConfigTopLevelTests
{
    [TestMethod]
    public void UnknownTopLevelKeyIsNamedOnce()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => JsonConfig.Parse<JsonConfigTests.Sample>("""{ "task": "x", "learning_rat": 1 }"""));
        Assert.AreEqual("learning_rat", e.Field);
    }
}
