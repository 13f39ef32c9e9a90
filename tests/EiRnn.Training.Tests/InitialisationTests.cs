using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Training.Initialisation;
using MathNet.Numerics.LinearAlgebra;

namespace EiRnn.Training.Tests;

/// <summary>docs/training.md#initialisation against an independent eigen-solver (MathNet) and the balance identities of docs/model.md#connectivity-structures.</summary>
[TestClass]
public sealed class InitialisationTests
{
    private static double MathNetSpectralRadius(float[] w, int n) =>
        Matrix<double>.Build.Dense(n, n, (i, j) => w[i * n + j]).Evd().EigenValues.Max(c => c.Magnitude);

    [TestMethod]
    [DataRow(ConnectivityStructure.Dense, 100)]
    [DataRow(ConnectivityStructure.RdmStructured, 100)]
    [DataRow(ConnectivityStructure.ManteAreas, 150)]
    public void GammaInitHasTheConfiguredSpectralRadius(ConnectivityStructure structure, int n)
    {
        var config = TinyNetworks.Pycog(n).WithRate(r => r with { Structure = structure, SpectralRadius = 1.5 });
        using var trainer = Trainer.Start(config, TinyNetworks.Task);
        var w = trainer.Model.EffectiveWeights(wMin: 0);
        double rho = MathNetSpectralRadius(w.WRec, n);
        Assert.AreEqual(1.5, rho, 0.015, $"spectral radius of the effective W_rec ({structure})");
    }

    [TestMethod]
    public void NonDalePycogInitUsesSpectralRadiusOnePointOne()
    {
        using var trainer = Trainer.Start(TinyNetworks.Pycog(60).WithRate(r => r with { Dale = false }), TinyNetworks.Task);
        var w = trainer.Model.EffectiveWeights(wMin: 0);
        Assert.AreEqual(1.1, MathNetSpectralRadius(w.WRec, 60), 0.011);
        Assert.IsTrue(w.WRec.Any(v => v < 0) && w.WRec.Any(v => v > 0), "non-Dale weights have both signs");
    }

    [TestMethod]
    public void BalancedRowsHaveEqualExcitatoryAndInhibitoryMass()
    {
        // Romo sparse masks differ per row, so the I weight n_E,i / n_I,i differs per row too.
        var c = NetworkConnectivity.Build(new ConnectivityRequest
        { Structure = ConnectivityStructure.RomoSparse, N = 500, Nin = 2, Nout = 2, Seed = 1066 });
        int n = 500, nE = 400;
        for (int i = 0; i < n; i++)
        {
            double e = 0, inh = 0, norm2 = 0;
            for (int j = 0; j < n; j++)
            {
                double v = c.Recurrent[i * n + j];
                if (j < nE) e += v; else inh += v;
                norm2 += v * v;
            }
            Assert.AreEqual(e, inh, 1e-12, $"row {i}: Σ_E C = Σ_I C");
            Assert.AreEqual(1.0, norm2, 1e-12, $"row {i} has unit norm");
            Assert.AreEqual(0.0, c.Recurrent[i * n + i], $"no autapse in row {i}");
        }
    }

    [TestMethod]
    public void GammaDrawsHaveMeanPointOneTimesC()
    {
        // Mean of Gamma(k = 2, θ = 0.1 C / 2) is 0.1 C: over the dense 400-unit matrix the empirical
        // excitatory and inhibitory row sums (before spectral scaling) agree to a few percent.
        var config = TinyNetworks.Pycog(400);
        var c = NetworkConnectivity.Build(new ConnectivityRequest { Structure = ConnectivityStructure.Dense, N = 400, Nin = 2, Nout = 2, Seed = 1 });
        var p = NetworkInitialiser.Create(config.Rate with { SpectralRadius = 1.5 }, c, 3);
        double e = 0, inh = 0, expectedE = 0;
        for (int i = 0; i < 400; i++)
            for (int j = 0; j < 400; j++)
            {
                if (j < 320) { e += p.WRecPlastic[i * 400 + j]; expectedE += c.Recurrent[i * 400 + j]; }
                else inh += p.WRecPlastic[i * 400 + j];
            }
        Assert.AreEqual(1.0, e / inh, 0.03, "total E vs I mass");
    }
}
