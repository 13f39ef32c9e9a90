using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Mante;

/// <summary>
/// Streams Mante trials once and keeps only sufficient statistics (docs/analysis.md#mante-regression-subspace): the regression's XᵀX and
/// XᵀY over the down-sampled stimulus samples with raw (unsigned, unscaled, un-z-scored) regressors — the
/// per-unit sign p_i, the 1/max|c| scaling and the z-score are exact affine maps applied to β afterwards —
/// plus per-unit sums for the z-score, choice d′, the trial-averaged rate (active units) and per-condition
/// rate sums for denoising and projections.
/// </summary>
public sealed class ManteAccumulator
{
    internal const int RegressorCount = 11;
    internal static readonly string[] RegressorNames =
        ["choice", "motion", "colour", "context", "constant", "choice×motion", "choice×colour", "choice×context",
         "motion×colour", "motion×context", "colour×context"];

    private readonly int _units, _samples;
    private readonly int[] _regressionSamples;
    private readonly MultiOutputLeastSquares _ols;
    private readonly SelectivityAccumulator _choiceSelectivity;
    private readonly double[] _rateSum, _ySum, _ySqSum;
    private readonly Dictionary<ConditionKey, (double[] Sum, int Count)> _conditions = new();
    private readonly double[] _design = new double[RegressorCount];
    private double _maxMotion, _maxColour;
    private int _trials;

    internal readonly record struct ConditionKey(int ChoiceSign, double Motion, double Colour, int Context, bool Correct)
    {
        public ConditionKey Mirror => this with { ChoiceSign = -ChoiceSign, Motion = -Motion, Colour = -Colour };
    }

    /// <param name="sampleTimesMs">Times of the saved samples (manifest), length T_save.</param>
    /// <param name="stimulus">The stimulus-period samples (test timings are the same for every trial).</param>
    public ManteAccumulator(int units, IReadOnlyList<double> sampleTimesMs, SampleWindow stimulus, double dtSaveMs, ManteOptions options)
    {
        Options = options.Validated();
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (stimulus.Count < 1 || stimulus.End > sampleTimesMs.Count) throw new Core.Errors.AnalysisException("the stimulus window holds no saved samples");
        (_units, _samples, SampleTimesMs, Stimulus, DtSaveMs) = (units, sampleTimesMs.Count, sampleTimesMs.ToArray(), stimulus, dtSaveMs);
        int step = Math.Max(1, (int)(options.DownsampleMs / dtSaveMs));
        _regressionSamples = Enumerable.Range(0, (stimulus.Count + step - 1) / step).Select(k => stimulus.First + k * step).ToArray();
        _ols = new MultiOutputLeastSquares(RegressorCount, _regressionSamples.Length * units);
        _choiceSelectivity = new SelectivityAccumulator(units);
        _rateSum = new double[_samples * units];
        _ySum = new double[units];
        _ySqSum = new double[units];
    }

    public ManteOptions Options { get; }
    internal IReadOnlyList<double> SampleTimesMs { get; }
    internal SampleWindow Stimulus { get; }
    internal double DtSaveMs { get; }
    internal int Units => _units;
    internal int Trials => _trials;
    internal IReadOnlyList<int> RegressionSamples => _regressionSamples;
    internal (double Motion, double Colour) MaxCoherence => (_maxMotion, _maxColour);
    internal IReadOnlyDictionary<ConditionKey, (double[] Sum, int Count)> Conditions => _conditions;
    internal MultiOutputLeastSquares Regression => _ols;

    /// <summary>Adds one trial (all trials, correct and error); <paramref name="rates"/> is time-major [T_save × N].</summary>
    public void Add(in ManteTrialLabels labels, ReadOnlySpan<float> rates)
    {
        if (rates.Length != _samples * _units) throw new Core.Errors.AnalysisException($"rates have {rates.Length} values, expected T_save·N = {_samples}·{_units}");
        if (labels.Context is not (1 or -1)) throw new Core.Errors.AnalysisException($"context must be +1 (motion) or −1 (colour), got {labels.Context}");
        _trials++;
        _maxMotion = Math.Max(_maxMotion, Math.Abs(labels.Motion));
        _maxColour = Math.Max(_maxColour, Math.Abs(labels.Colour));
        Design(labels, _design);
        _ols.AddDesignRow(_design);
        for (int k = 0; k < _regressionSamples.Length; k++)
        {
            var row = rates.Slice(_regressionSamples[k] * _units, _units);
            _ols.AddOutputs(_design, row, k * _units);
            for (int i = 0; i < _units; i++) { _ySum[i] += row[i]; _ySqSum[i] += (double)row[i] * row[i]; }
        }
        _choiceSelectivity.AddTrial(rates, Stimulus, labels.Choice == 0);
        for (int k = 0; k < _rateSum.Length; k++) _rateSum[k] += rates[k];
        var key = new ConditionKey(labels.ChoiceSign, labels.Motion, labels.Colour, labels.Context, labels.Correct);
        if (!_conditions.TryGetValue(key, out var cell)) cell = (new double[_samples * _units], 0);
        for (int k = 0; k < cell.Sum.Length; k++) cell.Sum[k] += rates[k];
        _conditions[key] = (cell.Sum, cell.Count + 1);
    }

    /// <summary>Raw regressors in <see cref="RegressorNames"/> order.</summary>
    internal static void Design(in ManteTrialLabels l, Span<double> x)
    {
        double ch = l.ChoiceSign, m = l.Motion, c = l.Colour, ctx = l.Context;
        x[0] = ch; x[1] = m; x[2] = c; x[3] = ctx; x[4] = 1;
        x[5] = ch * m; x[6] = ch * c; x[7] = ch * ctx; x[8] = m * c; x[9] = m * ctx; x[10] = c * ctx;
    }

    /// <summary>
    /// Per-regressor factor that maps raw β to β of the spec's regressors for a unit with preferred sign p:
    /// column j of the spec's design is raw column j times sign_j(p)·scale_j, so β_j = β_raw_j/(sign_j·scale_j).
    /// </summary>
    internal double[] CoefficientFactors(int p)
    {
        double im = 1 / _maxMotion, ic = 1 / _maxColour;
        double[] sign = [p, p, p, 1, 1, 1, 1, p, 1, p, p];
        double[] scale = [1, im, ic, 1, 1, im, ic, 1, im * ic, im, ic];
        return sign.Zip(scale, (s, k) => 1 / (s * k)).ToArray();
    }

    internal (double Mean, double Std) ZScore(int unit)
    {
        double n = (double)_trials * _regressionSamples.Length;
        double mean = _ySum[unit] / n;
        return (mean, Math.Sqrt(Math.Max(0, _ySqSum[unit] / n - mean * mean)));
    }

    internal UnitSelectivity ChoiceSelectivity() => _choiceSelectivity.ToResult();

    /// <summary>Units whose trial-averaged rate varies over time with std above the threshold.</summary>
    internal int[] ActiveUnits()
    {
        var active = new List<int>();
        for (int i = 0; i < _units; i++)
        {
            double s = 0, s2 = 0;
            for (int t = 0; t < _samples; t++) { double v = _rateSum[t * _units + i] / _trials; s += v; s2 += v * v; }
            double mean = s / _samples;
            if (Math.Sqrt(Math.Max(0, s2 / _samples - mean * mean)) > Options.ActiveStd) active.Add(i);
        }
        return active.ToArray();
    }

    public ManteRegression ToResult() => ManteAnalysis.Compute(this);
}
