namespace EiRnn.Analysis.Statistics;

/// <summary>Gaussian smoothing of a sampled time series (kernel truncated at ±4σ and renormalised at the ends).</summary>
public static class GaussianSmoothing
{
    public static double[] Smooth(ReadOnlySpan<double> series, double sigmaSamples)
    {
        var result = new double[series.Length];
        if (sigmaSamples <= 0) { series.CopyTo(result); return result; }
        int half = (int)Math.Ceiling(4 * sigmaSamples);
        var kernel = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) kernel[k + half] = Math.Exp(-0.5 * k * k / (sigmaSamples * sigmaSamples));
        for (int t = 0; t < series.Length; t++)
        {
            double sum = 0, weight = 0;
            for (int k = Math.Max(-half, -t); k <= half && t + k < series.Length; k++)
            {
                sum += kernel[k + half] * series[t + k];
                weight += kernel[k + half];
            }
            result[t] = sum / weight;
        }
        return result;
    }
}
