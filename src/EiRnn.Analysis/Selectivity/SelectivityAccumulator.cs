using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Selectivity;

/// <summary>Per-unit d′ between two trial groups, with the group sizes (docs/analysis.md#choice-selectivity).</summary>
public sealed record UnitSelectivity(IReadOnlyList<double> DPrime, int TrialsA, int TrialsB);

/// <summary>
/// Streams trials into per-unit, per-group running means and population variances (Welford), then gives
/// d′ = (μ_A − μ_B)/sqrt((σ_A² + σ_B²)/2) with 1/n variances (docs/analysis.md#choice-selectivity, [P] Eq 30). Group A is choice 1
/// for choice selectivity (positive d′ = prefers choice 1), "high" or "visual" in multisensory.
/// </summary>
public sealed class SelectivityAccumulator
{
    private readonly int _units;
    private readonly double[] _meanA, _m2A, _meanB, _m2B, _scratch;
    private int _nA, _nB;

    public SelectivityAccumulator(int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        _units = units;
        _meanA = new double[units]; _m2A = new double[units];
        _meanB = new double[units]; _m2B = new double[units];
        _scratch = new double[units];
    }

    /// <summary>Adds a trial's per-unit statistic s_n (e.g. the rate summed over the stimulus period).</summary>
    public void Add(ReadOnlySpan<double> statistic, bool groupA)
    {
        if (statistic.Length != _units) throw new Core.Errors.AnalysisException($"expected {_units} unit values, got {statistic.Length}");
        var (mean, m2) = groupA ? (_meanA, _m2A) : (_meanB, _m2B);
        int n = groupA ? ++_nA : ++_nB;
        for (int i = 0; i < _units; i++)
        {
            double delta = statistic[i] - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (statistic[i] - mean[i]);
        }
    }

    /// <summary>Adds a trial from its rates, time-major [T_save × N], summing each unit over <paramref name="window"/>.</summary>
    public void AddTrial(ReadOnlySpan<float> rates, SampleWindow window, bool groupA)
    {
        if (rates.Length % _units != 0) throw new Core.Errors.AnalysisException($"rates length {rates.Length} is not a multiple of N = {_units}");
        if (window.End * _units > rates.Length) throw new Core.Errors.AnalysisException("sample window extends past the saved samples");
        Array.Clear(_scratch);
        for (int t = window.First; t < window.End; t++)
        {
            var row = rates.Slice(t * _units, _units);
            for (int i = 0; i < _units; i++) _scratch[i] += row[i];
        }
        Add(_scratch, groupA);
    }

    public UnitSelectivity ToResult()
    {
        var d = new double[_units];
        for (int i = 0; i < _units; i++)
        {
            double diff = _meanA[i] - _meanB[i];
            double pooled = Math.Sqrt((_m2A[i] / Math.Max(_nA, 1) + _m2B[i] / Math.Max(_nB, 1)) / 2);
            // A silent unit (equal means, zero spread) is unselective rather than undefined.
            d[i] = _nA == 0 || _nB == 0 ? double.NaN : diff == 0 ? 0 : diff / pooled;
        }
        return new UnitSelectivity(d, _nA, _nB);
    }
}
