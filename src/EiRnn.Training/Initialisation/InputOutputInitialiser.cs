using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Random;

namespace EiRnn.Training.Initialisation;

/// <summary>W_in^pl [rows = N, cols = Nin] or W_out^pl [Nout, N] (docs/training.md#pycog-dale-networks step 2, docs/training.md#pycog-non-dale-networks, docs/training.md#psychrnn-initialisers).</summary>
internal static class InputOutputInitialiser
{
    public static float[] Create(RateNetworkConfig config, float[] mask, int rows, int cols, RandomStream rng)
    {
        var w = new float[rows * cols];
        var fanIn = new double[rows];
        var fanOut = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) { fanIn[i] += mask[i * cols + j]; fanOut[j] += mask[i * cols + j]; }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                int k = i * cols + j;
                double fans = Math.Max(fanIn[i] + fanOut[j], 1);
                double v = config.InputOutputInit switch
                {
                    // |0.1·U(−c, c)| = U(0, 0.1)·c for Dale networks; 0.1·U(−1, 1) without Dale.
                    InputOutputInit.PycogUniform => config.Dale ? 0.1 * rng.NextDouble() : 0.1 * rng.Uniform(-1, 1),
                    InputOutputInit.GlorotGauss => rng.Normal(0, Math.Sqrt(2 / fans)),
                    InputOutputInit.GlorotUniform => rng.Uniform(-Math.Sqrt(6 / fans), Math.Sqrt(6 / fans)),
                    InputOutputInit.ConstGauss => rng.NextNormal(),
                    InputOutputInit.ConstUniform => rng.Uniform(-0.1, 0.1),
                    _ => throw new ConfigException("network.input_output_init", $"'{config.InputOutputInit}' is not supported"),
                };
                w[k] = (float)(v * mask[k]);
            }
        return w;
    }
}
