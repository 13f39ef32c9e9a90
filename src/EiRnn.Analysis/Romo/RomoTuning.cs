using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Romo;

/// <summary>Times that anchor the Romo tuning summaries (test timings are fixed, so one set serves all trials).</summary>
public sealed record RomoEpochs(double F1StartMs, double F1EndMs, double DelayEndMs);

/// <summary>
/// SPEC.md §5.8 per saved sample t and unit i: slope a1 of r = a0 + a1·f1 over the per-f1 mean rates of
/// correct trials, its two-sided t-test p value (n_f1 − 2 d.o.f.), the fraction of tuned units (p &lt; α over
/// all N units) split by slope sign, and across-unit correlations of a1(t) with a1 at mid-f1 and at
/// mid-delay (defined from mid-f1 to the end of the delay; NaN elsewhere).
/// </summary>
public sealed record RomoTuning(
    IReadOnlyList<double> F1ValuesHz,
    IReadOnlyList<int> TrialsPerF1,
    IReadOnlyList<double> SampleTimesMs,
    ReadOnlyMatrix Slope,
    ReadOnlyMatrix PValue,
    double Alpha,
    IReadOnlyList<double> FractionTuned,
    IReadOnlyList<double> FractionPositive,
    IReadOnlyList<double> FractionNegative,
    int MidF1Sample,
    int MidDelaySample,
    int DelayEndSample,
    IReadOnlyList<double> CorrelationWithMidF1,
    IReadOnlyList<double> CorrelationWithMidDelay);
