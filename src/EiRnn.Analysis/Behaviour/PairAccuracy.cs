namespace EiRnn.Analysis.Behaviour;

/// <summary>One (f1, f2) condition's scored and correct trials.</summary>
public sealed record PairCell(double F1Hz, double F2Hz, int Scored, int Correct)
{
    public double FractionCorrect => Scored == 0 ? double.NaN : (double)Correct / Scored;
}

/// <summary>
/// % correct per (f1, f2) condition, and its minimum over the conditions: the romo task's own performance
/// measure (docs/tasks.md#romo), which the f1 − f2 psychometric axis cannot show (every pair differs by ±8 Hz).
/// Trials whose correctness is undefined are not counted.
/// </summary>
public sealed class PairAccuracy
{
    private readonly SortedDictionary<(double F1, double F2), (int Scored, int Correct)> _cells = new();

    public void Add(double f1Hz, double f2Hz, bool? correct)
    {
        if (correct is not bool ok) return;
        _cells.TryGetValue((f1Hz, f2Hz), out var cell);
        _cells[(f1Hz, f2Hz)] = (cell.Scored + 1, cell.Correct + (ok ? 1 : 0));
    }

    public IReadOnlyList<PairCell> Cells => _cells.Select(kv => new PairCell(kv.Key.F1, kv.Key.F2, kv.Value.Scored, kv.Value.Correct)).ToArray();

    /// <summary>The smallest fraction correct over the conditions (NaN without scored trials).</summary>
    public double Minimum => _cells.Count == 0 ? double.NaN : _cells.Values.Min(c => (double)c.Correct / c.Scored);
}
