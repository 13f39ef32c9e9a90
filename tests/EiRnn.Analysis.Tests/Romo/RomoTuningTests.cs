using EiRnn.Analysis.Romo;

namespace EiRnn.Analysis.Tests.Romo;

[TestClass]
public sealed class RomoTuningTests
{
    private static readonly double[] F1 = [10, 14, 18, 22, 26, 30, 34];
    // Orthogonal to 1 and to f1 − 22 by symmetry: (f1 − 22)² − 64. Its squared norm is 21504; Sxx = 448.
    private static readonly double[] Bend = [80, 0, -48, -64, -48, 0, 80];

    /// <summary>Means a0 + a1·f1 + c·Bend with c chosen so that the slope's t statistic equals <paramref name="t"/>.</summary>
    private static double[] MeansWithT(double a0, double a1, double t)
    {
        // SSE = c²·21504, SE² = SSE/5/448 → t = a1/(|c|·sqrt(21504/2240)) = a1/(|c|·sqrt(9.6)).
        double c = a1 / (t * Math.Sqrt(9.6));
        return F1.Select((f, g) => a0 + a1 * f + c * Bend[g]).ToArray();
    }

    [TestMethod]
    public void SlopePValuesMatchStudentTTableValues()
    {
        // Two-sided critical values of Student's t with 5 d.o.f. (printed tables): 2.5706 → p = 0.05,
        // 4.0321 → p = 0.01, 2.0150 → p = 0.10.
        foreach (var (t, p) in new[] { (2.5706, 0.05), (4.0321, 0.01), (2.0150, 0.10) })
        {
            var (slope, pValue) = RomoTuningAccumulator.SlopeTest(F1, MeansWithT(1, 0.05, t));
            Assert.AreEqual(0.05, slope, 1e-12);
            Assert.AreEqual(p, pValue, 2e-5, $"t = {t}");
        }
        var (negSlope, negP) = RomoTuningAccumulator.SlopeTest(F1, MeansWithT(3, -0.02, -4.0321));
        Assert.AreEqual(-0.02, negSlope, 1e-12);
        Assert.AreEqual(0.01, negP, 2e-5);
    }

    [TestMethod]
    public void FractionsTunedAndCorrelationsFromStreamedTrials()
    {
        // 4 units, 3 samples at 100, 200, 300 ms; f1 from 0 to 100 ms, delay to 300 ms.
        // Unit 0: tuned + (t = 6) at every sample. Unit 1: tuned − (t = −6) at samples 1, 2 only (flat at 0).
        // Unit 2: t = 1 (p ≈ 0.36, not tuned). Unit 3: silent.
        const int n = 4, samples = 3;
        double[][] u0 = [MeansWithT(1, 0.05, 6), MeansWithT(1, 0.05, 6), MeansWithT(1, 0.05, 6)];
        double[][] u1 = [F1.Select(_ => 0.5).ToArray(), MeansWithT(2, -0.03, -6), MeansWithT(2, -0.06, -6)];
        double[][] u2 = [MeansWithT(1, 0.01, 1), MeansWithT(1, 0.01, 1), MeansWithT(1, 0.01, 1)];
        var acc = new RomoTuningAccumulator(n, samples);
        for (int g = 0; g < F1.Length; g++)
        {
            // Two correct trials per f1 at ±0.25 around the mean, plus an error trial that must be ignored.
            foreach (double delta in new[] { -0.25, 0.25 })
            {
                var r = new float[samples * n];
                for (int t = 0; t < samples; t++)
                {
                    r[t * n + 0] = (float)(u0[t][g] + delta);
                    r[t * n + 1] = (float)(u1[t][g] + delta);
                    r[t * n + 2] = (float)(u2[t][g] + delta);
                }
                acc.Add(F1[g], true, r);
            }
            acc.Add(F1[g], false, Enumerable.Repeat(100f, samples * n).ToArray());
        }
        var result = acc.ToResult([100, 200, 300], new RomoEpochs(0, 100, 300));

        CollectionAssert.AreEqual(new[] { 0.25, 0.5, 0.5 }, result.FractionTuned.ToArray());
        CollectionAssert.AreEqual(new[] { 0.25, 0.25, 0.25 }, result.FractionPositive.ToArray());
        CollectionAssert.AreEqual(new[] { 0.0, 0.25, 0.25 }, result.FractionNegative.ToArray());
        Assert.AreEqual(-0.06, result.Slope[2, 1], 1e-6);    // float32 rates
        Assert.AreEqual(1.0, result.PValue[0, 3]);            // silent unit: slope 0, not tuned
        Assert.AreEqual((0, 1, 2), (result.MidF1Sample, result.MidDelaySample, result.DelayEndSample));
        // Slopes at sample 0: (0.05, 0, 0.01, 0); at sample 2: (0.05, −0.06, 0.01, 0). Pearson by hand:
        double[] a = [0.05, 0, 0.01, 0], b = [0.05, -0.06, 0.01, 0];
        double ma = a.Average(), mb = b.Average();
        double cov = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb));
        double r02 = cov / Math.Sqrt(a.Sum(v => (v - ma) * (v - ma)) * b.Sum(v => (v - mb) * (v - mb)));
        Assert.AreEqual(r02, result.CorrelationWithMidF1[2], 1e-5);
        Assert.AreEqual(1.0, result.CorrelationWithMidF1[0], 1e-12);
        CollectionAssert.AreEqual(Enumerable.Repeat(2, 7).ToArray(), result.TrialsPerF1.ToArray());
    }
}
