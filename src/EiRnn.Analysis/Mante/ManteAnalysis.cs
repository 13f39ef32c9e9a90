using EiRnn.Analysis.Statistics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace EiRnn.Analysis.Mante;

/// <summary>Steps 1–6 of docs/analysis.md#mante-regression-subspace on the statistics gathered by <see cref="ManteAccumulator"/>.</summary>
internal static class ManteAnalysis
{
    private const int AxisCount = 4;   // choice, motion, colour, context

    public static ManteRegression Compute(ManteAccumulator acc)
    {
        var (maxMotion, maxColour) = acc.MaxCoherence;
        if (maxMotion == 0 || maxColour == 0) throw new Core.Errors.AnalysisException("Mante regression needs non-zero motion and colour coherences");
        int n = acc.Units, times = acc.RegressionSamples.Count;
        var betaRaw = acc.Regression.Solve();                       // [11 × (times·N)]
        var dPrime = acc.ChoiceSelectivity().DPrime;
        int[] preferred = dPrime.Select(d => d < 0 ? -1 : 1).ToArray();
        int[] active = acc.ActiveUnits();
        if (active.Length < AxisCount) throw new Core.Errors.AnalysisException($"only {active.Length} active units; the task axes need at least {AxisCount}");

        // Steps 2–3: undo the raw parametrisation exactly (sign p_i, 1/max|c| scaling, per-unit z-score).
        var raw = new Matrix<double>[ManteAccumulator.RegressorCount];
        for (int j = 0; j < raw.Length; j++) raw[j] = Matrix<double>.Build.Dense(times, active.Length);
        for (int a = 0; a < active.Length; a++)
        {
            int i = active[a];
            double[] factor = acc.CoefficientFactors(preferred[i]);
            var (mean, std) = acc.ZScore(i);
            for (int j = 0; j < raw.Length; j++)
                for (int k = 0; k < times; k++)
                {
                    double beta = betaRaw[j, k * n + i] - (j == 4 ? mean : 0);
                    raw[j][k, a] = std > 0 ? factor[j] * beta / std : 0;
                }
        }

        // Step 4: denoise with the top principal axes of the unit-signed condition averages.
        var (denoise, zMean, zStd, components) = DenoisingMatrix(acc, active, preferred);
        var denoised = raw.Select(m => m * denoise).ToArray();   // row t: βₜᵀD = (Dβₜ)ᵀ, D symmetric

        // Step 5: β^max at the time of largest norm; QR with sign correction gives the axes.
        int[] tMax = Enumerable.Range(0, AxisCount)
            .Select(j => Enumerable.Range(0, times).MaxBy(k => denoised[j].Row(k).L2Norm())).ToArray();
        var b = Matrix<double>.Build.Dense(active.Length, AxisCount, (a, j) => denoised[j][tMax[j], a]);
        var axes = OrthogonalAxes(b);

        // Step 6: project correct-trial condition averages (network frame) on the axes in the network frame.
        var axesNetworkFrame = Matrix<double>.Build.Dense(active.Length, AxisCount, (a, j) => preferred[active[a]] * axes[a, j]);
        var trajectories = Project(acc, active, axesNetworkFrame, zMean, zStd);

        return new ManteRegression(ManteAccumulator.RegressorNames, active, preferred,
            acc.RegressionSamples.Select(s => acc.SampleTimesMs[s]).ToArray(),
            raw.Select(ReadOnlyMatrix.From).ToArray(), denoised.Select(ReadOnlyMatrix.From).ToArray(),
            components, tMax, ReadOnlyMatrix.From(axes), trajectories, acc.Trials);
    }

    /// <summary>
    /// Q of the thin QR decomposition of <paramref name="b"/> with each column multiplied by sign(R_kk), so
    /// that axis k points along the part of column k orthogonal to the earlier ones (Gram–Schmidt order).
    /// </summary>
    internal static Matrix<double> OrthogonalAxes(Matrix<double> b)
    {
        var qr = b.QR(QRMethod.Thin);
        var q = qr.Q.Clone();
        for (int k = 0; k < b.ColumnCount; k++)
        {
            double r = qr.R[k, k];
            if (Math.Abs(r) < 1e-12 * b.Column(k).L2Norm() || r == 0)
                throw new Core.Errors.AnalysisException($"task axis {k} is linearly dependent on the earlier axes");
            if (r < 0) q.SetColumn(k, -q.Column(k));
        }
        return q;
    }

    private static double[] UnitSeries(ManteAccumulator acc, double[] sum, int count, int unit)
    {
        int samples = acc.SampleTimesMs.Count, n = acc.Units;
        var series = new double[samples];
        for (int t = 0; t < samples; t++) series[t] = sum[t * n + unit] / count;
        var smooth = GaussianSmoothing.Smooth(series, acc.Options.SmoothingSigmaMs / acc.DtSaveMs);
        return acc.RegressionSamples.Select(s => smooth[s]).ToArray();
    }

    private static (Matrix<double> D, double[] Mean, double[] Std, int Components) DenoisingMatrix(
        ManteAccumulator acc, int[] active, int[] preferred)
    {
        bool anyFlipped = active.Any(i => preferred[i] < 0);
        var keys = acc.Conditions.Keys
            .Where(k => !anyFlipped || acc.Conditions.ContainsKey(k.Mirror))
            .OrderBy(k => k.Context).ThenBy(k => k.ChoiceSign).ThenBy(k => k.Motion).ThenBy(k => k.Colour).ThenBy(k => k.Correct)
            .ToArray();
        if (keys.Length == 0) throw new Core.Errors.AnalysisException("no condition has its mirror condition (all signs flipped); cannot denoise");
        int times = acc.RegressionSamples.Count;
        var data = Matrix<double>.Build.Dense(active.Length, keys.Length * times);
        var mean = new double[active.Length];
        var std = new double[active.Length];
        for (int a = 0; a < active.Length; a++)
        {
            int i = active[a];
            for (int c = 0; c < keys.Length; c++)
            {
                var (sum, count) = acc.Conditions[preferred[i] > 0 ? keys[c] : keys[c].Mirror];
                var series = UnitSeries(acc, sum, count, i);
                for (int k = 0; k < times; k++) data[a, c * times + k] = series[k];
            }
            var row = data.Row(a);
            mean[a] = row.Average();
            std[a] = Math.Sqrt(row.Subtract(mean[a]).PointwisePower(2).Average());
            data.SetRow(a, std[a] > 0 ? row.Subtract(mean[a]) / std[a] : row.Subtract(mean[a]));
        }
        var covariance = data.TransposeAndMultiply(data) / data.ColumnCount;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        int keep = Math.Min(acc.Options.DenoisingComponents, active.Length);
        int[] order = Enumerable.Range(0, active.Length).OrderByDescending(k => evd.EigenValues[k].Real).Take(keep).ToArray();
        var v = Matrix<double>.Build.Dense(keep, active.Length, (c, a) => evd.EigenVectors[a, order[c]]);
        return (v.TransposeThisAndMultiply(v), mean, std, keep);
    }

    private static IReadOnlyList<ManteTrajectory> Project(ManteAccumulator acc, int[] active, Matrix<double> axes, double[] zMean, double[] zStd)
    {
        var result = new List<ManteTrajectory>();
        foreach (int context in new[] { 1, -1 })
            foreach (string by in new[] { "motion", "colour" })
            {
                var groups = acc.Conditions
                    .Where(kv => kv.Key.Correct && kv.Key.Context == context)
                    .GroupBy(kv => (kv.Key.ChoiceSign, Coherence: by == "motion" ? kv.Key.Motion : kv.Key.Colour))
                    .OrderBy(g => g.Key.ChoiceSign).ThenBy(g => g.Key.Coherence);
                foreach (var g in groups)
                {
                    var sum = new double[g.First().Value.Sum.Length];
                    int count = 0;
                    foreach (var kv in g)
                    {
                        for (int k = 0; k < sum.Length; k++) sum[k] += kv.Value.Sum[k];
                        count += kv.Value.Count;
                    }
                    var z = Matrix<double>.Build.Dense(acc.RegressionSamples.Count, active.Length);
                    for (int a = 0; a < active.Length; a++)
                    {
                        var series = UnitSeries(acc, sum, count, active[a]);
                        for (int k = 0; k < series.Length; k++) z[k, a] = zStd[a] > 0 ? (series[k] - zMean[a]) / zStd[a] : 0;
                    }
                    result.Add(new ManteTrajectory(context, by, g.Key.ChoiceSign > 0 ? 0 : 1, g.Key.Coherence, count,
                        ReadOnlyMatrix.From(z * axes)));
                }
            }
        return result;
    }
}
