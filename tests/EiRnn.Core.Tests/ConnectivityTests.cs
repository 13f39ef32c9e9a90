using EiRnn.Core.Connectivity;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Tests;

/// <summary>The unit ranges and allowed connections of docs/model.md#connectivity-structures, checked entry by entry.</summary>
[TestClass]
public sealed class ConnectivityTests
{
    private static NetworkConnectivity Build(ConnectivityStructure s, int n, int nin, int nout, bool readoutAll = false, bool cue = false) =>
        NetworkConnectivity.Build(new ConnectivityRequest
        { Structure = s, N = n, Nin = nin, Nout = nout, ReadoutFromAllUnits = readoutAll, ConnectStartCue = cue, Seed = 1000 });

    private static bool Allowed(NetworkConnectivity c, int post, int pre) => c.Recurrent[post * c.N + pre] != 0;

    [TestMethod]
    public void DenseDaleMaskForbidsOnlySelfAndReadsOutExcitatoryUnits()
    {
        var c = Build(ConnectivityStructure.Dense, 10, 2, 2);
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) Assert.AreEqual(i != j, Allowed(c, i, j), $"({i},{j})");
        for (int j = 0; j < 10; j++) Assert.AreEqual(j < 8 ? 1f : 0f, c.OutputMask[j], $"readout from unit {j}");
        Assert.IsTrue(c.InputMask.All(v => v == 1));
    }

    [TestMethod]
    public void RdmStructuredPoolsFollowFigureThreeC()
    {
        var c = Build(ConnectivityStructure.RdmStructured, 100, 2, 2);
        static int Pool(int i) => i < 20 ? 1 : i < 40 ? 2 : i < 80 ? 0 : -1;
        for (int i = 0; i < 100; i++)
            for (int j = 0; j < 100; j++)
            {
                bool crossSelective = (Pool(i), Pool(j)) is (1, 2) or (2, 1);
                Assert.AreEqual(i != j && !crossSelective, Allowed(c, i, j), $"({i},{j})");
            }
        for (int i = 0; i < 100; i++)
        {
            Assert.AreEqual(Pool(i) == 1 ? 1f : 0f, c.InputMask[i * 2 + 0], $"input 1 → unit {i}");
            Assert.AreEqual(Pool(i) == 2 ? 1f : 0f, c.InputMask[i * 2 + 1], $"input 2 → unit {i}");
            Assert.AreEqual(Pool(i) == 1 ? 1f : 0f, c.OutputMask[0 * 100 + i], $"output 1 ← unit {i}");
            Assert.AreEqual(Pool(i) == 2 ? 1f : 0f, c.OutputMask[1 * 100 + i], $"output 2 ← unit {i}");
        }
    }

    [TestMethod]
    public void ManteAreasConnectAsSpecified()
    {
        var c = Build(ConnectivityStructure.ManteAreas, 150, 6, 2);
        static bool Sensory(int i) => i < 60 || (i >= 120 && i < 135);
        static bool Exc(int i) => i < 120;
        int feedback = 0, feedbackPossible = 0;
        for (int i = 0; i < 150; i++)
            for (int j = 0; j < 150; j++)
            {
                if (i == j) { Assert.IsFalse(Allowed(c, i, j)); continue; }
                bool a = Allowed(c, i, j);
                if (!Exc(j)) Assert.AreEqual(Sensory(i) == Sensory(j), a, $"inhibitory {j} → {i} only within its area");
                else if (Sensory(j) || !Sensory(i)) Assert.IsTrue(a, $"E {j} → {i} is dense");
                else { feedbackPossible++; if (a) feedback++; }
            }
        Assert.AreEqual(0.2, (double)feedback / feedbackPossible, 0.02, "sparse motor → sensory feedback");
        for (int i = 0; i < 150; i++)
        {
            for (int k = 0; k < 6; k++) Assert.AreEqual(Sensory(i) ? 1f : 0f, c.InputMask[i * 6 + k]);
            Assert.AreEqual(Exc(i) && !Sensory(i) ? 1f : 0f, c.OutputMask[i], $"readout from unit {i}");
        }
        Assert.AreEqual(75, c.UnitAreas.Count(a => a == "sensory"));
    }

    [TestMethod]
    public void MultisensoryGroupsAreThirdsAndChannelsReachTheirGroup()
    {
        var c = Build(ConnectivityStructure.MultisensoryGroups, 150, 5, 2);
        for (int i = 0; i < 150; i++)
        {
            string expected = i < 40 || (i >= 120 && i < 130) ? "visual" : (i >= 40 && i < 80) || (i >= 130 && i < 140) ? "auditory" : "";
            Assert.AreEqual(expected, c.UnitInputGroups[i], $"unit {i}");
            Assert.AreEqual(expected == "visual" ? 1f : 0f, c.InputMask[i * 5 + 0]);
            Assert.AreEqual(expected == "auditory" ? 1f : 0f, c.InputMask[i * 5 + 1]);
            Assert.AreEqual(expected == "visual" ? 1f : 0f, c.InputMask[i * 5 + 2]);
            Assert.AreEqual(expected == "auditory" ? 1f : 0f, c.InputMask[i * 5 + 3]);
            Assert.AreEqual(0f, c.InputMask[i * 5 + 4], "start cue reaches no unit by default");
        }
        var withCue = Build(ConnectivityStructure.MultisensoryGroups, 150, 5, 2, cue: true);
        Assert.IsTrue(Enumerable.Range(0, 150).All(i => withCue.InputMask[i * 5 + 4] == 1f));
    }

    [TestMethod]
    public void RomoSparseHasTheConnectionProbabilities()
    {
        var c = Build(ConnectivityStructure.RomoSparse, 500, 2, 2);
        int e = 0, inh = 0;
        for (int i = 0; i < 500; i++)
            for (int j = 0; j < 500; j++)
                if (i != j && Allowed(c, i, j)) { if (j < 400) e++; else inh++; }
        Assert.AreEqual(0.1, e / (500.0 * 399), 0.005);
        Assert.AreEqual(0.5, inh / (500.0 * 100), 0.01);
        var again = Build(ConnectivityStructure.RomoSparse, 500, 2, 2);
        CollectionAssert.AreEqual(c.Recurrent, again.Recurrent, "same seed, same mask");
    }

    [TestMethod]
    public void StructuredMasksNeedDale() =>
        Assert.AreEqual("structure", Assert.ThrowsExactly<ConfigException>(() => NetworkConnectivity.Build(new ConnectivityRequest
        { Structure = ConnectivityStructure.RdmStructured, N = 100, Nin = 2, Nout = 2, Dale = false, Seed = 1 })).Field);
}
