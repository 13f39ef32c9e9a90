namespace EiRnn.Analysis.Behaviour;

/// <summary>One equal-count duration bin: edges, plotting centre, % correct.</summary>
public sealed record DurationBin(double LowerEdgeMs, double UpperEdgeMs, int Trials, double PercentCorrect)
{
    public double CentreMs => (LowerEdgeMs + UpperEdgeMs) / 2;
}

/// <summary>% correct versus stimulus duration at one unsigned coherence.</summary>
public sealed record DurationCurve(double Coherence, IReadOnlyList<DurationBin> Bins);

/// <summary>
/// % correct versus stimulus duration (docs/analysis.md#percent-correct-versus-stimulus-duration): per non-zero coherence, trials sorted by duration and
/// split into equal-count bins. Keeps one (duration, correct) pair per scored trial.
/// </summary>
public sealed class DurationAccuracy
{
    public const int DefaultBins = 10;
    private readonly SortedDictionary<double, List<(double Duration, bool Correct)>> _byCoherence = new();

    /// <summary>Adds a scored trial; coherence-0 trials (and unscored ones) are ignored.</summary>
    public void Add(double signedCoherence, double stimulusMs, bool? correct)
    {
        if (signedCoherence == 0 || correct is not bool ok) return;
        double c = Math.Abs(signedCoherence);
        if (!_byCoherence.TryGetValue(c, out var list)) _byCoherence[c] = list = [];
        list.Add((stimulusMs, ok));
    }

    public IReadOnlyList<DurationCurve> Curves(int bins = DefaultBins) =>
        _byCoherence.Select(kv => new DurationCurve(kv.Key, Bin(kv.Value, bins))).ToArray();

    /// <summary>
    /// Sorted trials split into <paramref name="bins"/> consecutive groups whose sizes differ by at most one
    /// (the first n mod bins groups get the extra trial). Edges: the first value, the midpoints between the last
    /// duration of a bin and the first of the next, and the last value.
    /// </summary>
    internal static IReadOnlyList<DurationBin> Bin(IReadOnlyList<(double Duration, bool Correct)> trials, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var sorted = trials.OrderBy(t => t.Duration).ToArray();
        int n = sorted.Length;
        if (n < bins) throw new Core.Errors.AnalysisException($"{n} trials cannot fill {bins} equal-count duration bins");
        var starts = new int[bins + 1];
        for (int b = 0; b < bins; b++) starts[b + 1] = starts[b] + n / bins + (b < n % bins ? 1 : 0);
        var edges = new double[bins + 1];
        edges[0] = sorted[0].Duration;
        edges[bins] = sorted[n - 1].Duration;
        for (int b = 1; b < bins; b++) edges[b] = (sorted[starts[b] - 1].Duration + sorted[starts[b]].Duration) / 2;
        var result = new DurationBin[bins];
        for (int b = 0; b < bins; b++)
        {
            int count = starts[b + 1] - starts[b], correct = 0;
            for (int i = starts[b]; i < starts[b + 1]; i++) if (sorted[i].Correct) correct++;
            result[b] = new DurationBin(edges[b], edges[b + 1], count, 100.0 * correct / count);
        }
        return result;
    }
}
