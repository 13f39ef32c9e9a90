using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Training.Model;

namespace EiRnn.Training.Initialisation;

/// <summary>
/// Initial parameters of docs/training.md#initialisation from the connectivity and the config. Each matrix draws from its own
/// stream derived from the run seed, so changing one initialiser never shifts another's numbers.
/// </summary>
public static class NetworkInitialiser
{
    /// <summary>pycog's non-Dale spectral radius, hard-coded in [Pc] regardless of the configured ρ (docs/training.md#pycog-non-dale-networks).</summary>
    public const double PycogNonDaleSpectralRadius = 1.1;

    public static RateNetworkParameters Create(RateNetworkConfig config, NetworkConnectivity c, ulong seed)
    {
        int n = c.N, nin = c.Nin, nout = c.Nout;
        var signs = c.UnitTypes.Select(t => config.Dale && t == UnitType.Inhibitory ? -1.0 : 1.0).ToArray();
        double[] wRec = RecurrentInitialiser.Create(config, c, signs, RandomStream.Derive(seed, "init/w_rec"));
        var fRec = new double[n * n]; // no fixed recurrent weights in the built-in recipes; scaled with W if present
        float[] maskRec = c.RecurrentMask();

        if (config.RecurrentInit != RecurrentInit.AlphaIdentity)
        {
            // pycog scales the effective (masked, signed) matrix; PsychRNN the raw signed draw (docs/training.md#psychrnn-initialisers ⚠).
            double target = config.RecurrentInit == RecurrentInit.Pycog && !config.Dale ? PycogNonDaleSpectralRadius : config.SpectralRadius;
            double rho0 = config.RecurrentInit == RecurrentInit.Pycog
                ? SpectralRadius.Of(Effective(wRec, fRec, maskRec, signs, n, config), n)
                : SpectralRadius.Of(wRec, n);
            if (rho0 > 0)
                for (int k = 0; k < wRec.Length; k++) { wRec[k] *= target / rho0; fRec[k] *= target / rho0; }
        }

        var wIn = InputOutputInitialiser.Create(config, c.InputMask, n, nin, RandomStream.Derive(seed, "init/w_in"));
        var wOut = InputOutputInitialiser.Create(config, c.OutputMask, nout, n, RandomStream.Derive(seed, "init/w_out"));
        var x0Rng = RandomStream.Derive(seed, "init/x0");
        var x0 = Enumerable.Range(0, n).Select(_ => (float)(config.InitialState + config.InitialStateNoise * x0Rng.NextNormal())).ToArray();
        return new RateNetworkParameters(wIn, ToFloat(wRec), wOut, new float[n * nin], ToFloat(fRec), new float[nout * n],
            c.InputMask.ToArray(), maskRec, c.OutputMask.ToArray(), new float[n], new float[nout], x0);
    }

    /// <summary>(M ⊙ W + F)·D with the configured positivity for Dale networks (docs/model.md#dales-law-and-effective-weights).</summary>
    private static double[] Effective(double[] w, double[] f, float[] mask, double[] signs, int n, RateNetworkConfig config)
    {
        var e = new double[w.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                double v = mask[k] * w[k] + f[k];
                if (config.Dale) v = (config.Positivity == Positivity.AbsoluteValue ? Math.Abs(v) : Math.Max(v, 0)) * signs[j];
                e[k] = v;
            }
        return e;
    }

    private static float[] ToFloat(double[] a) => a.Select(v => (float)v).ToArray();
}
