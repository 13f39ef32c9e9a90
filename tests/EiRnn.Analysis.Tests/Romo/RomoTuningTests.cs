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
                acc.Add(F1[g], F1[g] + 8, true, r);
            }
            acc.Add(F1[g], F1[g] + 8, false, Enumerable.Repeat(100f, samples * n).ToArray());
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
        Assert.IsNull(result.F2, "f2 = f1 + 8 in every condition: f1 and f2 cannot be separated");
    }

    // The 10 (f1, f2) pairs of the task (docs/tasks.md#romo).
    private static readonly (double F1, double F2)[] Pairs =
        [(18, 10), (22, 14), (26, 18), (30, 22), (34, 26), (10, 18), (14, 22), (18, 26), (22, 30), (26, 34)];

    /// <summary>Residual vector orthogonal to 1, f1 and f2 over <see cref="Pairs"/> (Gram–Schmidt by hand below), unit norm.</summary>
    private static double[] Orthogonal()
    {
        // e = (1, −1, 1, …, −1) minus its projection on span{1, f1, f2}, by classical Gram–Schmidt (the code under test uses (XᵀX)⁻¹).
        double[][] cols = [Pairs.Select(_ => 1.0).ToArray(), Pairs.Select(p => p.F1).ToArray(), Pairs.Select(p => p.F2).ToArray()];
        var basis = new List<double[]>();
        foreach (var c in cols)
        {
            var v = (double[])c.Clone();
            foreach (var b in basis) { double d = v.Zip(b, (x, y) => x * y).Sum(); for (int k = 0; k < v.Length; k++) v[k] -= d * b[k]; }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            basis.Add(v.Select(x => x / norm).ToArray());
        }
        var e = Enumerable.Range(0, Pairs.Length).Select(k => k % 2 == 0 ? 1.0 : -1).ToArray();
        foreach (var b in basis) { double d = e.Zip(b, (x, y) => x * y).Sum(); for (int k = 0; k < e.Length; k++) e[k] -= d * b[k]; }
        double en = Math.Sqrt(e.Sum(x => x * x));
        return e.Select(x => x / en).ToArray();
    }

    [TestMethod]
    public void JointF1F2RegressionRecoversSignsAndTableSignificance()
    {
        // 4 units, 2 samples (sample 0 "in the delay", sample 1 "in f2"). At sample 1:
        //   unit 0 = 1 + 0.02 f1 + 0.03 f2 (same signs), unit 1 = 2 + 0.02 f1 − 0.03 f2 (opposite), unit 2 = 0.5 + 0.04 f1,
        //   unit 3 = 1 + 0.01 f2 + a residual making b2's t statistic exactly 2.3646 (two-sided p = 0.05 at 7 d.o.f., printed tables).
        // At sample 0 every unit is 1 + 0.02 f1 (no f2 term). Units 0–2 carry a tiny orthogonal residual so that t is finite.
        const int n = 4, samples = 2;
        var e = Orthogonal();
        // Unit 3's residual c3·e (unit norm e ⟂ columns) gives SSE = c3², so t = b2 / sqrt(c3²/7 · v22) with v22 = [(XᵀX)⁻¹]₂₂.
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(Pairs.Select(p => new[] { 1, p.F1, p.F2 }).ToArray());
        double v22 = x.TransposeThisAndMultiply(x).Inverse()[2, 2];
        double c3 = 0.01 / (2.3646 * Math.Sqrt(v22 / 7));
        var acc = new RomoTuningAccumulator(n, samples);
        for (int k = 0; k < Pairs.Length; k++)
        {
            var (f1, f2) = Pairs[k];
            double small = 1e-4 * e[k];
            double[] late = [1 + 0.02 * f1 + 0.03 * f2 + small, 2 + 0.02 * f1 - 0.03 * f2 + small, 0.5 + 0.04 * f1 + small, 1 + 0.01 * f2 + c3 * e[k]];
            var r = new float[samples * n];
            for (int i = 0; i < n; i++) { r[i] = (float)(1 + 0.02 * f1 + small); r[n + i] = (float)late[i]; }
            acc.Add(f1, f2, true, r);
            acc.Add(f1, f2, true, r);   // two identical trials: the condition mean is unchanged
        }
        var result = acc.ToResult([100, 200], new RomoEpochs(0, 50, 150, 250)).F2!;
        Assert.AreEqual(10, result.Conditions);
        Assert.AreEqual(1, result.MidF2Sample);
        double[] b1 = [0.02, 0.02, 0.04, 0], b2 = [0.03, -0.03, 0, 0.01];
        for (int i = 0; i < n; i++)
        {
            Assert.AreEqual(b1[i], result.F1Slope[1, i], 2e-5, $"b1 of unit {i}");   // float32 rates
            Assert.AreEqual(b2[i], result.F2Slope[1, i], 2e-5, $"b2 of unit {i}");
        }
        Assert.AreEqual(0.05, result.F2PValue[1, 3], 2e-3, "t = 2.3646 at 7 d.o.f.");
        Assert.IsLessThan(1e-6, result.F2PValue[1, 0]);
        Assert.IsGreaterThan(0.2, result.F2PValue[1, 2], "no f2 term");
        // Sample 1: unit 0 is tuned to both with equal signs, unit 1 with opposite signs (unit 2 has no f2 term, unit 3 no f1 term).
        Assert.AreEqual(0.25, result.FractionSameSign[1]);
        Assert.AreEqual(0.25, result.FractionOppositeSign[1]);
        Assert.AreEqual(0.0, result.FractionTuned[0], "no unit depends on f2 before f2");
    }
}
