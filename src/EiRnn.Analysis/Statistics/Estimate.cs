namespace EiRnn.Analysis.Statistics;

/// <summary>A point estimate with a two-sided confidence interval [Lower, Upper].</summary>
public readonly record struct Estimate(double Value, double Lower, double Upper)
{
    public double Width => Upper - Lower;
    public bool Contains(double v) => v >= Lower && v <= Upper;
    public override string ToString() => $"{Value:G4} [{Lower:G4}, {Upper:G4}]";
}

/// <summary>Percentile bootstrap intervals.</summary>
public static class PercentileInterval
{
    /// <summary>
    /// The central <paramref name="level"/> interval of <paramref name="samples"/> (e.g. 2.5 % and 97.5 %
    /// quantiles for 0.95), with linear interpolation between order statistics (R type 7). NaN samples (failed
    /// resamples) are ignored; the array is sorted in place.
    /// </summary>
    public static (double Lower, double Upper) Of(double[] samples, double level)
    {
        if (level <= 0 || level >= 1) throw new ArgumentOutOfRangeException(nameof(level), "must be in (0, 1)");
        var finite = samples.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(finite);
        double tail = (1 - level) / 2;
        return (Quantile(finite, tail), Quantile(finite, 1 - tail));
    }

    /// <summary>Quantile of sorted data, linear interpolation (R type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
