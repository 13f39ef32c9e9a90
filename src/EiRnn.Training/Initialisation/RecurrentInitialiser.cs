using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Core.Errors;
using EiRnn.Core.Random;

namespace EiRnn.Training.Initialisation;

/// <summary>W_rec^pl before spectral scaling (docs/training.md#initialisation).</summary>
internal static class RecurrentInitialiser
{
    public static double[] Create(RateNetworkConfig config, NetworkConnectivity c, double[] signs, RandomStream rng) =>
        config.RecurrentInit switch
        {
            RecurrentInit.Pycog when config.Dale => Gamma(c.Recurrent, config.GammaShape, rng),
            RecurrentInit.Pycog => Gaussian(c.Recurrent, rng),
            RecurrentInit.GaussianSpectralRadius => PsychrnnBalanced(Standard(c.N, rng), c, config, signs),
            RecurrentInit.AlphaIdentity => PsychrnnBalanced(Identity(c.N, config.AlphaIdentity), c, config, signs),
            _ => throw new ConfigException("network.recurrent_init", $"'{config.RecurrentInit}' is not supported"),
        };

    /// <summary>Gamma(k, θ = 0.1·C/k) on allowed entries: mean 0.1·C, so rows are E/I balanced in expectation.</summary>
    private static double[] Gamma(double[] cMatrix, double shape, RandomStream rng)
    {
        var w = new double[cMatrix.Length];
        for (int k = 0; k < w.Length; k++)
            if (cMatrix[k] != 0) w[k] = rng.Gamma(shape, 0.1 * cMatrix[k] / shape);
        return w;
    }

    /// <summary>pycog non-Dale: N(0, C²) on allowed entries.</summary>
    private static double[] Gaussian(double[] cMatrix, RandomStream rng)
    {
        var w = new double[cMatrix.Length];
        for (int k = 0; k < w.Length; k++)
            if (cMatrix[k] != 0) w[k] = cMatrix[k] * rng.NextNormal();
        return w;
    }

    private static double[] Standard(int n, RandomStream rng)
    {
        var w = new double[n * n];
        for (int k = 0; k < w.Length; k++) w[k] = rng.NextNormal();
        return w;
    }

    private static double[] Identity(int n, double alpha)
    {
        var w = new double[n * n];
        for (int i = 0; i < n; i++) w[i * n + i] = alpha;
        return w;
    }

    /// <summary>
    /// PsychRNN balancing for Dale networks: column j times s_j / ‖row j of (C_rec·diag(s))‖ with s_j = 1 for E
    /// and r/(1−r) for I (docs/training.md#psychrnn-initialisers ⚠: the norm is of row j, indexed by the column).
    /// </summary>
    private static double[] PsychrnnBalanced(double[] w, NetworkConnectivity c, RateNetworkConfig config, double[] signs)
    {
        if (!config.Dale) return w;
        int n = c.N;
        double r = config.ExcitatoryFraction;
        double sI = r < 1 ? r / (1 - r) : 1;
        var s = signs.Select(e => e > 0 ? 1.0 : sI).ToArray();
        var mask = c.RecurrentMask();
        var factor = new double[n];
        for (int j = 0; j < n; j++)
        {
            double norm2 = 0;
            for (int k = 0; k < n; k++) { double v = mask[j * n + k] * s[k]; norm2 += v * v; }
            factor[j] = norm2 > 0 ? s[j] / Math.Sqrt(norm2) : s[j];
        }
        var result = new double[w.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) result[i * n + j] = w[i * n + j] * factor[j];
        return result;
    }
}
