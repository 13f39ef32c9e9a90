using EiRnn.Analysis.Multisensory;
using EiRnn.Analysis.Psychometric;
using EiRnn.Core.Random;
using MathNet.Numerics.Distributions;

namespace EiRnn.Analysis.Tests.Multisensory;

[TestClass]
public sealed class MultisensoryIntegrationTests
{
    private static IReadOnlyList<ChoiceCount> Simulate(double sigma, RandomStream rng)
    {
        var table = new ChoiceCountTable();
        for (int rate = 9; rate <= 16; rate++)
            for (int n = 0; n < 1000; n++) table.Add(rate, rng.NextDouble() < Normal.CDF(12.5, sigma, rate));
        return table.ToCounts();
    }

    [TestMethod]
    public void OptimalCombinationIsRecognised()
    {
        // σ_v = 2, σ_a = 3 → optimal σ_va = (1/4 + 1/9)^(−1/2) = 6/sqrt(13) ≈ 1.664 (by hand).
        var rng = new RandomStream(17);
        double optimal = 6 / Math.Sqrt(13);
        var result = MultisensoryIntegration.Analyse(Simulate(2, rng), Simulate(3, rng), Simulate(optimal, rng),
            new PsychometricOptions { BootstrapResamples = 300 }, new RandomStream(18));
        Assert.IsTrue(result.PredictedSigma.Contains(optimal), $"{result.PredictedSigma}");
        Assert.IsTrue(result.PrecisionExcess.Contains(0), $"{result.PrecisionExcess}");
        Assert.IsTrue(result.IsEnhanced);
    }

    [TestMethod]
    public void NoIntegrationShowsANegativePrecisionExcess()
    {
        // Multisensory no better than the best single modality: 1/σ_va² − (1/4 + 1/9) = 1/4 − 13/36 < 0.
        var rng = new RandomStream(19);
        var result = MultisensoryIntegration.Analyse(Simulate(2, rng), Simulate(3, rng), Simulate(2, rng),
            new PsychometricOptions { BootstrapResamples = 300 }, new RandomStream(20));
        Assert.IsTrue(result.PrecisionExcess.Upper < 0, $"{result.PrecisionExcess}");
        Assert.AreEqual(0.25 - 13.0 / 36, result.PrecisionExcess.Value, 0.05);
    }
}
