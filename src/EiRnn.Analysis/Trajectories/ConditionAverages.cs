namespace EiRnn.Analysis.Trajectories;

/// <summary>Where a trial's window is anchored before averaging (docs/analysis.md#condition-averages-and-alignment).</summary>
public enum TrajectoryAlignment
{
    /// <summary>Offset 0 is the window's first sample (stimulus onset, or the trial start); offsets grow forward.</summary>
    Onset,
    /// <summary>Offset 0 is the window's last sample (the reaction-time crossing); offsets are ≤ 0.</summary>
    End,
}

/// <summary>
/// One condition's average trajectory: rates [offset × N] (time-major) over the offsets kept, with trial counts.
/// <see cref="Group"/> and <see cref="Value"/> order the conditions and style figures (e.g. context and signed coherence).
/// </summary>
public sealed record ConditionAverage(string Condition, int Group, double Value, IReadOnlyList<double> OffsetMs, IReadOnlyList<int> Trials,
    double[] Rates, int Units)
{
    public int Samples => OffsetMs.Count;
}

/// <summary>
/// Streams trials into per-condition sums of rates on an aligned time axis (docs/analysis.md#condition-averages-and-alignment): each trial adds the
/// saved samples of its window, counted at their offset from the anchor, so every offset averages the trials
/// whose window reaches it (VS: trials still in their stimulus period; RT: trials whose window is that long
/// before the crossing). Memory: conditions · T_save · N doubles, whatever the number of trials.
/// </summary>
public sealed class ConditionAverageAccumulator
{
    private readonly int _units, _samples;
    private readonly Dictionary<string, (int Group, double Value, double[] Sum, int[] Count, int Trials)> _conditions = new(StringComparer.Ordinal);

    public ConditionAverageAccumulator(int units, int samples, double dtSaveMs, TrajectoryAlignment alignment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (!(dtSaveMs > 0)) throw new Core.Errors.AnalysisException($"dt_save must be > 0, got {dtSaveMs}");
        (_units, _samples, DtSaveMs, Alignment) = (units, samples, dtSaveMs, alignment);
    }

    public double DtSaveMs { get; }
    public TrajectoryAlignment Alignment { get; }
    public int Conditions => _conditions.Count;

    /// <summary>Adds the saved samples [first, end) of one trial's rates (time-major [T_save × N]) to a condition.</summary>
    /// <param name="group">With <paramref name="value"/>, sorts conditions in results and figures (e.g. context, signed coherence).</param>
    public void Add(string condition, int group, double value, ReadOnlySpan<float> rates, int first, int end)
    {
        if (rates.Length != _samples * _units) throw new Core.Errors.AnalysisException($"rates have {rates.Length} values, expected T_save·N = {_samples}·{_units}");
        if (first < 0 || end > _samples || end <= first) return;
        if (!_conditions.TryGetValue(condition, out var cell)) cell = (group, value, new double[_samples * _units], new int[_samples], 0);
        for (int k = first; k < end; k++)
        {
            int offset = Alignment == TrajectoryAlignment.Onset ? k - first : end - 1 - k;
            cell.Count[offset]++;
            var row = rates.Slice(k * _units, _units);
            var sum = cell.Sum.AsSpan(offset * _units, _units);
            for (int i = 0; i < _units; i++) sum[i] += row[i];
        }
        _conditions[condition] = cell with { Trials = cell.Trials + 1 };
    }

    /// <summary>
    /// The averages, each over the offsets that at least <paramref name="minFraction"/> of its trials reach
    /// [OURS: 0.5, so that late offsets of variable windows are not averages of a few trials], in time order.
    /// </summary>
    public IReadOnlyList<ConditionAverage> ToResult(double minFraction = 0.5)
    {
        if (minFraction is <= 0 or > 1) throw new Core.Errors.ConfigException("min_fraction", $"must be in (0, 1], got {minFraction}");
        var result = new List<ConditionAverage>();
        foreach (var (name, cell) in _conditions.OrderBy(kv => kv.Value.Group).ThenBy(kv => kv.Value.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            int kept = 0;
            while (kept < _samples && cell.Count[kept] >= minFraction * cell.Trials) kept++;
            if (kept == 0) continue;
            // Time order: End alignment stores offset 0 at the crossing, so its rows are reversed.
            int[] slots = Alignment == TrajectoryAlignment.Onset ? Enumerable.Range(0, kept).ToArray() : Enumerable.Range(0, kept).Reverse().ToArray();
            var rates = new double[kept * _units];
            for (int t = 0; t < kept; t++)
                for (int i = 0; i < _units; i++) rates[t * _units + i] = cell.Sum[slots[t] * _units + i] / cell.Count[slots[t]];
            double sign = Alignment == TrajectoryAlignment.Onset ? 1 : -1;
            result.Add(new ConditionAverage(name, cell.Group, cell.Value, slots.Select(s => sign * s * DtSaveMs).ToArray(), slots.Select(s => cell.Count[s]).ToArray(), rates, _units));
        }
        return result;
    }
}
