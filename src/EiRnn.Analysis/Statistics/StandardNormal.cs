using MathNet.Numerics;

namespace EiRnn.Analysis.Statistics;

/// <summary>Φ, log Φ and the inverse Mills ratio φ/Φ, accurate far into the lower tail (for likelihoods).</summary>
internal static class StandardNormal
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    public static double Pdf(double z) => Math.Exp(-0.5 * z * z - LogSqrt2Pi);

    public static double LogCdf(double z)
    {
        if (z > -30) return Math.Log(Cdf(z));
        // Asymptotic series of the tail: Φ(z) ≈ φ(z)/(−z)·(1 − 1/z² + 3/z⁴).
        double z2 = z * z;
        return -0.5 * z2 - LogSqrt2Pi - Math.Log(-z) + Math.Log(1 - 1 / z2 + 3 / (z2 * z2));
    }

    /// <summary>d log Φ(z)/dz = φ(z)/Φ(z).</summary>
    public static double InverseMills(double z)
    {
        if (z > -30) return Pdf(z) / Cdf(z);
        double z2 = z * z;
        return -z / (1 - 1 / z2 + 3 / (z2 * z2));
    }
}
