namespace EiRnn.Analysis.Psychometric;

/// <summary>
/// One point of a psychometric curve: at stimulus value <see cref="X"/> (signed coherence in %, or a rate),
/// <see cref="Positive"/> of <see cref="Trials"/> trials chose the curve's "positive" option (choice 1 in the
/// rdm tasks, "high" in multisensory). These counts are the sufficient statistics of the binomial fit.
/// </summary>
public readonly record struct ChoiceCount(double X, int Trials, int Positive)
{
    public double Proportion => Trials == 0 ? double.NaN : (double)Positive / Trials;
}

/// <summary>Streams trials into per-condition <see cref="ChoiceCount"/>s (memory independent of trial count).</summary>
public sealed class ChoiceCountTable
{
    private readonly SortedDictionary<double, (int Trials, int Positive)> _counts = new();

    public void Add(double x, bool chosePositive)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), "stimulus value must be finite");
        _counts.TryGetValue(x, out var c);
        _counts[x] = (c.Trials + 1, c.Positive + (chosePositive ? 1 : 0));
    }

    public void Add(ChoiceCount count)
    {
        _counts.TryGetValue(count.X, out var c);
        _counts[count.X] = (c.Trials + count.Trials, c.Positive + count.Positive);
    }

    public int Conditions => _counts.Count;

    /// <summary>The counts sorted by stimulus value.</summary>
    public IReadOnlyList<ChoiceCount> ToCounts() =>
        _counts.Select(kv => new ChoiceCount(kv.Key, kv.Value.Trials, kv.Value.Positive)).ToArray();
}
