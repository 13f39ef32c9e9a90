using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Multisensory;

/// <summary>
/// docs/analysis.md#multisensory-integration: per-modality psychometric fits (P("high") versus rate) and the optimal-integration check:
/// the predicted multisensory threshold σ_pred = (1/σ_v² + 1/σ_a²)^(−1/2) versus the observed σ_va, and the
/// precision excess 1/σ_va² − (1/σ_v² + 1/σ_a²) (≈ 0 for optimal cue combination, &gt; 0 super-optimal),
/// with intervals from the modality fits' bootstrap samples.
/// </summary>
public sealed record MultisensoryIntegration(
    PsychometricFit Visual,
    PsychometricFit Auditory,
    PsychometricFit Multisensory,
    Estimate PredictedSigma,
    Estimate PrecisionExcess)
{
    /// <summary>Enhancement: the multisensory curve is steeper than either unisensory one.</summary>
    public bool IsEnhanced => Multisensory.Sigma.Value < Math.Min(Visual.Sigma.Value, Auditory.Sigma.Value);

    public static MultisensoryIntegration Analyse(IReadOnlyList<ChoiceCount> visual, IReadOnlyList<ChoiceCount> auditory,
        IReadOnlyList<ChoiceCount> multisensory, PsychometricOptions options, RandomStream rng)
    {
        var (v, _, sv) = PsychometricAnalysis.FitWithBootstrap(visual, options, rng.Derive("visual"));
        var (a, _, sa) = PsychometricAnalysis.FitWithBootstrap(auditory, options, rng.Derive("auditory"));
        var (va, _, sva) = PsychometricAnalysis.FitWithBootstrap(multisensory, options, rng.Derive("visual-auditory"));
        static double Precision(double s) => 1 / (s * s);
        double predicted = 1 / Math.Sqrt(Precision(v.Sigma.Value) + Precision(a.Sigma.Value));
        double excess = Precision(va.Sigma.Value) - Precision(v.Sigma.Value) - Precision(a.Sigma.Value);
        var predictedSamples = sv.Zip(sa, (x, y) => 1 / Math.Sqrt(Precision(x) + Precision(y))).ToArray();
        var excessSamples = sva.Select((s, r) => Precision(s) - Precision(sv[r]) - Precision(sa[r])).ToArray();
        return new MultisensoryIntegration(v, a, va,
            PsychometricAnalysis.WithInterval(predicted, predictedSamples, options.ConfidenceLevel),
            PsychometricAnalysis.WithInterval(excess, excessSamples, options.ConfidenceLevel));
    }
}
