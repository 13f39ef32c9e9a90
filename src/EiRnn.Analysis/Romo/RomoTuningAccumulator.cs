using EiRnn.Analysis.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearRegression;

namespace EiRnn.Analysis.Romo;

/// <summary>
/// Streams correct Romo trials into per-(f1, f2) sums of rates ([T_save × N] per condition), then fits the
/// tuning regressions (docs/analysis.md#romo-tuning on f1; <see cref="RomoF2Tuning"/> on f1 and f2). The per-f1 means pool the
/// conditions that share f1, weighted by their trials. Memory: (#conditions) · T_save · N doubles.
/// </summary>
public sealed class RomoTuningAccumulator
{
    private readonly int _units, _samples;
    private readonly SortedDictionary<(double F1, double F2), (double[] Sum, int Count)> _byCondition = new();

    public RomoTuningAccumulator(int units, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        (_units, _samples) = (units, samples);
    }

    /// <summary>Adds a trial's rates (time-major [T_save × N]) if it was correct.</summary>
    public void Add(double f1Hz, double f2Hz, bool? correct, ReadOnlySpan<float> rates)
    {
        if (correct != true) return;
        if (rates.Length != _units * _samples) throw new Core.Errors.AnalysisException($"rates have {rates.Length} values, expected T_save·N = {_samples}·{_units}");
        if (!_byCondition.TryGetValue((f1Hz, f2Hz), out var cell)) cell = (new double[_units * _samples], 0);
        var sum = cell.Sum;
        for (int k = 0; k < sum.Length; k++) sum[k] += rates[k];
        _byCondition[(f1Hz, f2Hz)] = (sum, cell.Count + 1);
    }

    public RomoTuning ToResult(IReadOnlyList<double> sampleTimesMs, RomoEpochs epochs, double alpha = 0.05)
    {
        if (sampleTimesMs.Count != _samples) throw new Core.Errors.AnalysisException($"{sampleTimesMs.Count} sample times for {_samples} samples");
        var byF1 = _byCondition.GroupBy(kv => kv.Key.F1).OrderBy(g => g.Key)
            .Select(g => (F1: g.Key, Count: g.Sum(kv => kv.Value.Count), Sum: SumOf(g.Select(kv => kv.Value.Sum)))).ToArray();
        if (byF1.Length < 3) throw new Core.Errors.AnalysisException($"Romo tuning needs at least 3 f1 values with correct trials, got {byF1.Length}");
        double[] f1 = byF1.Select(g => g.F1).ToArray();
        var means = byF1.Select(g => g.Sum.Select(s => s / g.Count).ToArray()).ToArray();
        var slope = new double[_samples, _units];
        var p = new double[_samples, _units];
        var y = new double[f1.Length];
        var fTuned = new double[_samples];
        var fPos = new double[_samples];
        var fNeg = new double[_samples];
        for (int t = 0; t < _samples; t++)
        {
            int pos = 0, neg = 0;
            for (int i = 0; i < _units; i++)
            {
                for (int g = 0; g < f1.Length; g++) y[g] = means[g][t * _units + i];
                (slope[t, i], p[t, i]) = SlopeTest(f1, y);
                if (p[t, i] < alpha) { if (slope[t, i] > 0) pos++; else neg++; }
            }
            (fTuned[t], fPos[t], fNeg[t]) = ((double)(pos + neg) / _units, (double)pos / _units, (double)neg / _units);
        }
        int midF1 = FirstAtOrAfter(sampleTimesMs, (epochs.F1StartMs + epochs.F1EndMs) / 2);
        int midDelay = FirstAtOrAfter(sampleTimesMs, (epochs.F1EndMs + epochs.DelayEndMs) / 2);
        int delayEnd = Math.Max(0, SampleWindow.Of(sampleTimesMs, epochs.F1EndMs, epochs.DelayEndMs).End - 1);
        var slopes = new ReadOnlyMatrix(_samples, _units, (t, i) => slope[t, i]);
        int midF2 = FirstAtOrAfter(sampleTimesMs, (epochs.DelayEndMs + (epochs.F2EndMs ?? epochs.DelayEndMs)) / 2);
        return new RomoTuning(f1, byF1.Select(g => g.Count).ToArray(), sampleTimesMs.ToArray(), slopes,
            new ReadOnlyMatrix(_samples, _units, (t, i) => p[t, i]), alpha, fTuned, fPos, fNeg, midF1, midDelay, delayEnd,
            Correlations(slopes, midF1, midF1, delayEnd), Correlations(slopes, midDelay, midF1, delayEnd), JointTuning(alpha, midF2));
    }

    /// <summary>The joint regression r = b0 + b1·f1 + b2·f2 over condition means, or null when [1, f1, f2] is rank-deficient.</summary>
    private RomoF2Tuning? JointTuning(double alpha, int midF2)
    {
        var conditions = _byCondition.ToArray();
        int n = conditions.Length, dof = n - 3;
        if (dof < 1) return null;
        var x = Matrix<double>.Build.Dense(n, 3, (c, j) => j == 0 ? 1 : j == 1 ? conditions[c].Key.F1 : conditions[c].Key.F2);
        var xtx = x.TransposeThisAndMultiply(x);
        if (!(xtx.ConditionNumber() < 1e12)) return null;
        var inverse = xtx.Inverse();
        var hat = inverse * x.Transpose();                        // β = (XᵀX)⁻¹Xᵀy
        var b1 = new double[_samples, _units];
        var b2 = new double[_samples, _units];
        var p1 = new double[_samples, _units];
        var p2 = new double[_samples, _units];
        var tuned = new double[_samples];
        var pos = new double[_samples];
        var neg = new double[_samples];
        var same = new double[_samples];
        var opposite = new double[_samples];
        var y = Vector<double>.Build.Dense(n);
        double fRange = conditions.Max(c => Math.Max(c.Key.F1, c.Key.F2)) - conditions.Min(c => Math.Min(c.Key.F1, c.Key.F2));
        for (int t = 0; t < _samples; t++)
            for (int i = 0; i < _units; i++)
            {
                for (int c = 0; c < n; c++) y[c] = conditions[c].Value.Sum[t * _units + i] / conditions[c].Value.Count;
                var beta = hat * y;
                var residual = y - x * beta;
                // A fit exact to float32 rounding (rates are stored as float32; a silent, constant or noise-free unit) has
                // no meaningful t statistic: a coefficient then counts as tuned when it is not zero to that rounding.
                double sse = residual.DotProduct(residual), scale = y.AbsoluteMaximum() / fRange;
                bool exact = sse <= 1e-12 * Math.Max(y.DotProduct(y), 1e-300);
                (b1[t, i], p1[t, i]) = (beta[1], exact ? (Math.Abs(beta[1]) <= 1e-5 * scale ? 1 : 0) : TwoSidedP(beta[1], sse, dof, inverse[1, 1]));
                (b2[t, i], p2[t, i]) = (beta[2], exact ? (Math.Abs(beta[2]) <= 1e-5 * scale ? 1 : 0) : TwoSidedP(beta[2], sse, dof, inverse[2, 2]));
                if (p2[t, i] < alpha) { tuned[t]++; if (beta[2] > 0) pos[t]++; else neg[t]++; }
                if (p1[t, i] < alpha && p2[t, i] < alpha) { if (Math.Sign(beta[1]) == Math.Sign(beta[2])) same[t]++; else opposite[t]++; }
            }
        double[] Fraction(double[] counts) => counts.Select(v => v / _units).ToArray();
        ReadOnlyMatrix M(double[,] a) => new(_samples, _units, (t, i) => a[t, i]);
        return new RomoF2Tuning(n, M(b1), M(p1), M(b2), M(p2), Fraction(tuned), Fraction(pos), Fraction(neg), Fraction(same), Fraction(opposite), midF2);
    }

    /// <summary>Two-sided t-test p of a coefficient with variance factor v = [(XᵀX)⁻¹]_jj and n − 3 degrees of freedom.</summary>
    private static double TwoSidedP(double beta, double sse, int dof, double v) =>
        2 * (1 - StudentT.CDF(0, 1, dof, Math.Abs(beta / Math.Sqrt(sse / dof * v))));

    /// <summary>Least-squares slope and its two-sided t-test p value with n − 2 degrees of freedom.</summary>
    internal static (double Slope, double P) SlopeTest(double[] x, double[] y)
    {
        var (a0, a1) = SimpleRegression.Fit(x, y);
        double xm = x.Average(), sxx = 0, sse = 0;
        for (int g = 0; g < x.Length; g++)
        {
            sxx += (x[g] - xm) * (x[g] - xm);
            double e = y[g] - a0 - a1 * x[g];
            sse += e * e;
        }
        int dof = x.Length - 2;
        double se = Math.Sqrt(sse / dof / sxx);
        // Exact lines: a slope without scatter is certainly non-zero unless it is zero (e.g. a silent unit).
        if (se == 0 || !double.IsFinite(se)) return (a1, a1 == 0 ? 1 : 0);
        double t = Math.Abs(a1 / se);
        return (a1, 2 * (1 - StudentT.CDF(0, 1, dof, t)));
    }

    private static double[] SumOf(IEnumerable<double[]> sums)
    {
        double[]? total = null;
        foreach (var s in sums)
        {
            total ??= new double[s.Length];
            for (int k = 0; k < s.Length; k++) total[k] += s[k];
        }
        return total!;
    }

    private static int FirstAtOrAfter(IReadOnlyList<double> times, double ms)
    {
        for (int k = 0; k < times.Count; k++) if (times[k] >= ms) return k;
        return times.Count - 1;
    }

    private static double[] Correlations(ReadOnlyMatrix slopes, int reference, int from, int to)
    {
        var r = new double[slopes.Rows];
        Array.Fill(r, double.NaN);
        var refRow = slopes.Row(reference);
        for (int t = from; t <= to && t < slopes.Rows; t++)
            r[t] = MathNet.Numerics.Statistics.Correlation.Pearson(refRow, slopes.Row(t));
        return r;
    }
}
