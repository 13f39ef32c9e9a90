using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Romo;

/// <summary>Times that anchor the Romo tuning summaries (test timings are fixed, so one set serves all trials).</summary>
public sealed record RomoEpochs(double F1StartMs, double F1EndMs, double DelayEndMs, double? F2EndMs = null)
{
    /// <summary>Figure labels of the first stimulus, memory and second stimulus periods (the task's declared period names).</summary>
    public (string First, string Memory, string Second) Labels { get; init; } = ("first", "memory", "second");
}

/// <summary>
/// docs/analysis.md#romo-tuning per saved sample t and unit i: slope a1 of r = a0 + a1·f1 over the per-f1 mean rates of
/// correct trials, its two-sided t-test p value (n_f1 − 2 d.o.f.), the fraction of tuned units (p &lt; α over
/// all N units) split by slope sign, and across-unit correlations of a1(t) with a1 at mid-f1 and at
/// mid-delay (defined from mid-f1 to the end of the delay; NaN elsewhere). <see cref="F2"/> adds the joint
/// regression on f1 and f2 when the conditions allow it.
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
    IReadOnlyList<double> CorrelationWithMidDelay,
    RomoF2Tuning? F2);

/// <summary>
/// [OURS, for [P] Fig 7's "+ in f1 and f2, or + in f1 and − in f2"] at each saved sample, r = b0 + b1·f1 + b2·f2
/// fitted per unit over the (f1, f2) condition means of correct trials (n_cond − 3 d.o.f., two-sided t tests).
/// Fractions are over all N units: tuned to f2 (p2 &lt; α) by the sign of b2, and tuned to both with equal or
/// opposite signs of b1 and b2. Before f2 arrives b2 should be ≈ 0; in the f2 period, same signs encode the
/// sum, opposite signs the difference (the decision). Only defined when the design [1, f1, f2] has full rank.
/// </summary>
public sealed record RomoF2Tuning(
    int Conditions,
    ReadOnlyMatrix F1Slope,
    ReadOnlyMatrix F1PValue,
    ReadOnlyMatrix F2Slope,
    ReadOnlyMatrix F2PValue,
    IReadOnlyList<double> FractionTuned,
    IReadOnlyList<double> FractionPositive,
    IReadOnlyList<double> FractionNegative,
    IReadOnlyList<double> FractionSameSign,
    IReadOnlyList<double> FractionOppositeSign,
    int MidF2Sample);
