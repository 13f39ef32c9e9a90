using EiRnn.Analysis.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearRegression;

namespace EiRnn.Analysis.Romo;

/// <summary>
/// Streams correct Romo trials into per-f1 sums of rates ([T_save × N] per f1 value), then fits the tuning
/// regressions (SPEC.md §5.8). Memory: (#f1 values) · T_save · N doubles.
/// </summary>
public sealed class RomoTuningAccumulator
{
    private readonly int _units, _samples;
    private readonly SortedDictionary<double, (double[] Sum, int Count)> _byF1 = new();

    public RomoTuningAccumulator(int units, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        (_units, _samples) = (units, samples);
    }

    /// <summary>Adds a trial's rates (time-major [T_save × N]) if it was correct.</summary>
    public void Add(double f1Hz, bool? correct, ReadOnlySpan<float> rates)
    {
        if (correct != true) return;
        if (rates.Length != _units * _samples) throw new Core.Errors.AnalysisException($"rates have {rates.Length} values, expected T_save·N = {_samples}·{_units}");
        if (!_byF1.TryGetValue(f1Hz, out var cell)) cell = (new double[_units * _samples], 0);
        var sum = cell.Sum;
        for (int k = 0; k < sum.Length; k++) sum[k] += rates[k];
        _byF1[f1Hz] = (sum, cell.Count + 1);
    }

    public RomoTuning ToResult(IReadOnlyList<double> sampleTimesMs, RomoEpochs epochs, double alpha = 0.05)
    {
        if (sampleTimesMs.Count != _samples) throw new Core.Errors.AnalysisException($"{sampleTimesMs.Count} sample times for {_samples} samples");
        if (_byF1.Count < 3) throw new Core.Errors.AnalysisException($"Romo tuning needs at least 3 f1 values with correct trials, got {_byF1.Count}");
        double[] f1 = _byF1.Keys.ToArray();
        var means = _byF1.Values.Select(c => c.Sum.Select(s => s / c.Count).ToArray()).ToArray();
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
        return new RomoTuning(f1, _byF1.Values.Select(c => c.Count).ToArray(), sampleTimesMs.ToArray(), slopes,
            new ReadOnlyMatrix(_samples, _units, (t, i) => p[t, i]), alpha, fTuned, fPos, fNeg, midF1, midDelay, delayEnd,
            Correlations(slopes, midF1, midF1, delayEnd), Correlations(slopes, midDelay, midF1, delayEnd));
    }

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
