using System.Globalization;
using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Dynamics;
using EiRnn.Analysis.Multisensory;
using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Report;

/// <summary>Result records turned into report tables (numbers formatted once, here).</summary>
public static class ReportTables
{
    private static string N(double v, string f = "G4") => ReportWriter.Number(v, f);
    private static string Ci(Estimate e, string f = "G4") => $"{N(e.Value, f)} [{N(e.Lower, f)}, {N(e.Upper, f)}]";

    public static ReportTable Psychometric(IReadOnlyList<(string Label, PsychometricFit Fit)> fits) => new(
        "Psychometric fits, Φ((x − μ)/σ) (95 % bootstrap CI)", ["Curve", "Estimator", "μ (bias)", "σ (threshold)", "Trials", "Resamples"],
        fits.Select(f => (IReadOnlyList<string>)[f.Label, f.Fit.Estimator.ToString(), Ci(f.Fit.Mu), Ci(f.Fit.Sigma),
            f.Fit.Points.Sum(p => p.Trials).ToString(), f.Fit.BootstrapResamples.ToString()]).ToArray());

    public static ReportTable Behaviour(BehaviourSummary s) => new(
        "Behaviour per condition", ["Stimulus", "Trials", "No response", "Positive choice (%)", "Correct (%)"],
        s.Conditions.Select(c => (IReadOnlyList<string>)[N(c.Stimulus), c.Trials.ToString(), c.NoResponse.ToString(),
            N(c.Responded == 0 ? double.NaN : 100.0 * c.Positive / c.Responded, "F1"),
            c.Scored == 0 ? "—" : N(100.0 * c.Correct / c.Scored, "F1")]).ToArray());

    public static ReportTable ReactionTime(ReactionTimeSummary rt) => new(
        $"Mean correct-trial RT ({rt.NoResponseTrials} of {rt.Trials} trials without a threshold crossing excluded)",
        ["Coherence", "Correct trials", "Mean RT (ms)", "s.e.m. (ms)"],
        rt.ByCoherence.Select(p => (IReadOnlyList<string>)[N(p.Coherence), p.CorrectTrials.ToString(), N(p.MeanRtMs, "F1"), N(p.StandardErrorMs, "F1")]).ToArray());

    public static ReportTable Perturbations(IReadOnlyList<PerturbationEffect> effects) => new(
        "Perturbation effects, perturbed − control (95 % bootstrap CI)",
        ["Perturbation", "Accuracy (%)", "Δ accuracy (pp)", "Δμ", "Δσ", "Δ mean RT (ms)", "No response"],
        effects.Select(e => (IReadOnlyList<string>)[e.Perturbation, N(100 * e.PerturbedAccuracy, "F1"),
            Ci(new Estimate(100 * e.AccuracyChange.Value, 100 * e.AccuracyChange.Lower, 100 * e.AccuracyChange.Upper), "F2"),
            Ci(e.BiasShift, "F2"), Ci(e.ThresholdShift, "F2"), e.MeanRtShiftMs is Estimate rt ? Ci(rt, "F1") : "—",
            $"{e.PerturbedNoResponse} / {e.PerturbedTrials}"]).ToArray());

    public static ReportTable Multisensory(MultisensoryIntegration m) => new(
        "Multisensory integration (95 % bootstrap CI)", ["Quantity", "Value"],
        [
            ["σ visual", Ci(m.Visual.Sigma)], ["σ auditory", Ci(m.Auditory.Sigma)], ["σ visual + auditory", Ci(m.Multisensory.Sigma)],
            ["σ predicted by optimal integration", Ci(m.PredictedSigma)],
            ["1/σ_va² − (1/σ_v² + 1/σ_a²)", Ci(m.PrecisionExcess)], ["Enhancement (σ_va < both)", m.IsEnhanced ? "yes" : "no"],
        ]);

    public static ReportTable FixedPoints(string caption, IReadOnlyList<Runs.FixedPointRow> rows, IReadOnlyList<string> outputNames) => new(
        caption, ["Kind", "Speed q (ms⁻²)", "Unstable directions", "Largest Re λ (ms⁻¹)", "Starts merged", "‖x*‖", "Active units", "Readout favours", "Margin"],
        rows.Select(p => (IReadOnlyList<string>)[p.Kind, N(p.Speed, "E2"), p.UnstableDirections.ToString(), N(p.MaxRealEigenvalue, "E3"),
            p.StartsMerged.ToString(), N(p.StateNorm, "F3"), p.ActiveUnits.ToString(),
            p.Choice < outputNames.Count ? outputNames[p.Choice] : p.Choice.ToString(CultureInfo.InvariantCulture), N(p.ReadoutMargin, "F3")]).ToArray());
}
