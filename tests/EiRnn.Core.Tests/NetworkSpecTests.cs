using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Tests;

[TestClass]
public sealed class NetworkSpecTests
{
    private static NetworkSpec Spec(int n = 5, float tau = 100f) => new()
    {
        N = n, Nin = 2, Nout = 1, Dale = true,
        UnitTypes = NetworkSpec.FirstExcitatory(n, 0.8),
        UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
        TauMs = NetworkSpec.Repeat(tau, n), U0 = [0.2f, 0.2f], DtTrainMs = 20,
        InputNames = ["a", "b"], OutputNames = ["z"],
    };

    [TestMethod]
    public void EightyTwentySplitFloorsExcitatoryCount()
    {
        Assert.AreEqual(80, Spec(100).NExc);
        Assert.AreEqual(4, Spec(5).NExc);   // floor(0.8*5) = 4
        Assert.AreEqual(7, Spec(9).NExc);   // floor(7.2) = 7
        Assert.AreEqual(-1f, Spec(5).Sign(4));
        Assert.AreEqual(1f, Spec(5).Sign(3));
    }

    [TestMethod]
    public void NegativeTauIsRejectedByName()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => Spec(5, -1f).Validated());
        Assert.AreEqual("tau_ms", e.Field);
    }

    [TestMethod]
    public void ExcitatoryFractionAboveOneIsRejectedByName()
    {
        var e = Assert.ThrowsExactly<ConfigException>(() => NetworkSpec.FirstExcitatory(10, 1.2));
        Assert.AreEqual("excitatory_fraction", e.Field);
    }
}
