using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearRegression;

namespace EiRnn.Analysis.Tests.Mante;

[TestClass]
public sealed class ManteRegressionTests
{
    [TestMethod]
    public void QrAxesAreSignCorrectedGramSchmidt()
    {
        // Gram–Schmidt by hand on B = [[3, 1], [0, 2], [4, 1]]: q1 = (3, 0, 4)/5;
        // v2 = (1, 2, 1) − (7/5)·q1 = (0.16, 2, −0.12), q2 = v2/sqrt(4.04).
        var b = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 1 }, { 0, 2 }, { 4, 1 } });
        var q = ManteAnalysis.OrthogonalAxes(b);
        double[] q1 = [0.6, 0, 0.8], q2 = [0.16 / Math.Sqrt(4.04), 2 / Math.Sqrt(4.04), -0.12 / Math.Sqrt(4.04)];
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual(q1[i], q[i, 0], 1e-12);
            Assert.AreEqual(q2[i], q[i, 1], 1e-12);
        }
        // The raw Householder factor has a negative diagonal here, so the correction is exercised.
        Assert.IsTrue(b.QR().R.Diagonal().Any(r => r < 0));
    }

    [TestMethod]
    public void StreamedLeastSquaresMatchesMathNetQrRegression()
    {
        var rng = new RandomStream(8);
        const int rows = 200, p = 4, m = 3;
        var x = new double[rows][];
        var y = new float[rows][];
        double[,] truth = { { 1, -2, 0.5 }, { 0.3, 0, 2 }, { -1, 1, 1 }, { 4, 0.1, -3 } };
        var ols = new MultiOutputLeastSquares(p, m);
        for (int r = 0; r < rows; r++)
        {
            x[r] = [1, rng.NextNormal(), rng.NextNormal(), rng.NextDouble() < 0.5 ? 1 : -1];
            y[r] = Enumerable.Range(0, m).Select(k => (float)(Enumerable.Range(0, p).Sum(j => x[r][j] * truth[j, k]) + 0.1 * rng.NextNormal())).ToArray();
            ols.AddDesignRow(x[r]);
            ols.AddOutputs(x[r], y[r].AsSpan(0, 2), 0);
            ols.AddOutputs(x[r], y[r].AsSpan(2, 1), 2);
        }
        var beta = ols.Solve();
        for (int k = 0; k < m; k++)
        {
            var reference = MultipleRegression.QR(x, y.Select(v => (double)v[k]).ToArray());
            for (int j = 0; j < p; j++)
            {
                Assert.AreEqual(reference[j], beta[j, k], 1e-9);
                Assert.AreEqual(truth[j, k], beta[j, k], 0.05);
            }
        }
    }

    [TestMethod]
    public void CollinearRegressorsAreReported()
    {
        var ols = new MultiOutputLeastSquares(2, 1);
        for (int r = 0; r < 10; r++) { ols.AddDesignRow([1, 1]); ols.AddOutputs([1, 1], new float[] { r }, 0); }
        Assert.ThrowsExactly<Core.Errors.AnalysisException>(() => ols.Solve());
    }

    /// <summary>
    /// Synthetic Mante data with known per-unit coefficients; the expected β are computed independently by the
    /// spec's recipe (signed, scaled regressors; z-scored rates) with MathNet's QR regression per unit and time.
    /// </summary>
    [TestMethod]
    public void CoefficientsFollowTheSpecRecipe()
    {
        const int units = 7, samples = 10, active = 6;   // unit 6 is nearly silent (inactive)
        double[] times = Enumerable.Range(1, samples).Select(k => 20.0 * k).ToArray();
        var window = SampleWindow.Of(times, 30, 180);   // samples 1..8
        Assert.AreEqual(new SampleWindow(1, 9), window);
        var acc = new ManteAccumulator(units, times, window, dtSaveMs: 20, new ManteOptions());
        var rng = new RandomStream(99);
        var weights = new double[units, 11];
        for (int i = 0; i < active; i++) for (int j = 0; j < 11; j++) weights[i, j] = rng.Uniform(-1, 1);
        weights[0, 0] = 2; weights[1, 0] = -2;   // one strongly choice-1 and one choice-2 preferring unit

        var labels = new List<ManteTrialLabels>();
        var rates = new List<float[]>();
        double[] cohs = [-10, -3, -1, 1, 3, 10];
        foreach (int ctx in new[] { 1, -1 })
            foreach (double m in cohs)
                foreach (double c in cohs)
                    for (int rep = 0; rep < 4; rep++)
                    {
                        double relevant = ctx == 1 ? m : c;
                        bool correct = rng.NextDouble() < 0.8;
                        int choice = (relevant > 0) == correct ? 0 : 1;
                        var l = new ManteTrialLabels(choice, m, c, ctx, correct);
                        var x = new double[11];
                        ManteAccumulator.Design(l, x);
                        var r = new float[samples * units];
                        for (int t = 0; t < samples; t++)
                            for (int i = 0; i < units; i++)
                            {
                                double drive = 0;
                                for (int j = 0; j < 11; j++) drive += weights[i, j] * x[j] / (j is 1 or 5 or 9 ? 10 : j is 2 or 6 or 10 ? 10 : j == 8 ? 100 : 1);
                                r[t * units + i] = (float)(i < active
                                    ? 1 + 0.5 * t + (1 + 0.5 * Math.Sin(t)) * drive + 0.1 * rng.NextNormal()
                                    : 0.01 * rng.NextNormal());
                            }
                        labels.Add(l); rates.Add(r);
                        acc.Add(l, r);
                    }
        var result = acc.ToResult();
        CollectionAssert.AreEqual(Enumerable.Range(0, active).ToArray(), result.ActiveUnits.ToArray());
        int[] regressionSamples = [1, 3, 5, 7];
        CollectionAssert.AreEqual(regressionSamples.Select(s => times[s]).ToArray(), result.RegressionTimesMs.ToArray());

        for (int i = 0; i < active; i++)
        {
            // Preferred choice: sign of the difference of mean stimulus-period rate sums (sign of d′).
            double Sum(float[] r) => Enumerable.Range(window.First, window.Count).Sum(t => (double)r[t * units + i]);
            double m1 = rates.Where((_, n) => labels[n].Choice == 0).Average(Sum);
            double m2 = rates.Where((_, n) => labels[n].Choice == 1).Average(Sum);
            int p = m1 >= m2 ? 1 : -1;
            Assert.AreEqual(p, result.PreferredChoice[i]);
            if (i == 0) Assert.AreEqual(1, p);
            if (i == 1) Assert.AreEqual(-1, p);
            // z-score over all trials and the regression samples.
            var ys = rates.SelectMany(r => regressionSamples.Select(t => (double)r[t * units + i])).ToArray();
            double mean = ys.Average(), std = Math.Sqrt(ys.Sum(v => (v - mean) * (v - mean)) / ys.Length);
            var design = labels.Select(l =>
            {
                double ch = p * (l.Choice == 0 ? 1 : -1), mo = p * l.Motion / 10, co = p * l.Colour / 10, cx = l.Context;
                return new[] { ch, mo, co, cx, 1, ch * mo, ch * co, ch * cx, mo * co, mo * cx, co * cx };
            }).ToArray();
            for (int k = 0; k < regressionSamples.Length; k++)
            {
                var y = rates.Select(r => (r[regressionSamples[k] * units + i] - mean) / std).ToArray();
                var expected = MultipleRegression.QR(design, y);
                for (int j = 0; j < 11; j++)
                {
                    Assert.AreEqual(expected[j], result.RawCoefficients[j][k, i], 1e-8, $"unit {i}, time {k}, regressor {j}");
                    // With ≤ 12 active units the 12 principal axes span everything: denoising is the identity.
                    Assert.AreEqual(result.RawCoefficients[j][k, i], result.Coefficients[j][k, i], 1e-8);
                }
            }
        }
        // Axes: orthonormal, and the choice axis points along the choice coefficients at their peak.
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
                Assert.AreEqual(a == b ? 1 : 0, Enumerable.Range(0, active).Sum(u => result.Axes[u, a] * result.Axes[u, b]), 1e-10);
        var choiceAtPeak = result.Coefficients[0].Row(result.MaxNormSample[0]);
        Assert.IsTrue(Enumerable.Range(0, active).Sum(u => result.Axes[u, 0] * choiceAtPeak[u]) > 0);
        // Trajectories of correct trials per context: sorted by the relevant modality, the choice is fixed by the
        // coherence sign (6 groups); sorted by the irrelevant one, both choices occur (12 groups). 2 × 18 = 36.
        Assert.AreEqual(36, result.Trajectories.Count);
        Assert.AreEqual(6, result.Trajectories.Count(tr => tr.Context == 1 && tr.SortedBy == "motion"));
        Assert.IsTrue(result.Trajectories.All(tr => tr.Projection.Rows == 4 && tr.Projection.Columns == 4));
    }

    [TestMethod]
    public void AxesOfUnitsWithKnownDisjointLoadingsAreRecovered()
    {
        // Each unit encodes one task variable (SyntheticManteUnits). In the preferred-choice frame its only non-zero
        // coefficient is 0.5·a_i·p_i (choice, motion, colour: regressors carry p_i) or 0.5·a_i (context), divided by the
        // unit's z-score std, which is the same for the units of one variable. The four peak coefficient vectors then
        // have disjoint supports, QR leaves their directions alone, and axis j must be sign(a_i·p_i)/2 (context:
        // sign(a_i)/2) on variable j's four units and 0 elsewhere.
        const int units = 16, samples = 10;
        double[] times = Enumerable.Range(1, samples).Select(k => 20.0 * k).ToArray();
        var window = SampleWindow.Of(times, 30, 180);
        var acc = new ManteAccumulator(units, times, window, dtSaveMs: 20, new ManteOptions());
        var data = new SyntheticManteUnits(units, samples, 77);
        var trials = data.Trials(repeats: 4).ToArray();
        foreach (var t in trials) acc.Add(new ManteTrialLabels(t.Choice, t.Motion, t.Colour, t.Context, t.Correct), t.Rates);
        var result = acc.ToResult();
        CollectionAssert.AreEqual(Enumerable.Range(0, units).ToArray(), result.ActiveUnits.ToArray());

        for (int i = 0; i < units; i++)
        {
            // Preferred choice from the data, independently: sign of the difference of mean stimulus-period rate sums.
            double Sum(float[] r) => Enumerable.Range(window.First, window.Count).Sum(k => (double)r[k * units + i]);
            int p = trials.Where(t => t.Choice == 0).Average(t => Sum(t.Rates)) >= trials.Where(t => t.Choice == 1).Average(t => Sum(t.Rates)) ? 1 : -1;
            Assert.AreEqual(p, result.PreferredChoice[i], $"unit {i}");
        }
        for (int j = 0; j < 4; j++)
        {
            var expected = Enumerable.Range(0, units).Select(i => SyntheticManteUnits.Variable(i) != j ? 0
                : 0.5 * data.Amplitude(i) * (j < 3 ? result.PreferredChoice[i] : 1)).ToArray();
            double cos = Enumerable.Range(0, units).Sum(i => expected[i] * result.Axes[i, j]);
            Assert.IsGreaterThan(0.99, cos, $"axis {j}: cosine with the known loading direction");
        }
    }
}
