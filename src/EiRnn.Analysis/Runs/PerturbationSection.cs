using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Report;
using EiRnn.Core.Errors;

namespace EiRnn.Analysis.Runs;

/// <summary>Each perturbation versus control on the primary psychometric curve: accuracy, bias, threshold and RT shifts with bootstrap intervals.</summary>
internal static class PerturbationSection
{
    public static void Add(RunOutput output, TaskAxes axes, IReadOnlyList<PerturbationScan> scans, string control)
    {
        if (scans.Count < 2) return;
        var controlBehaviour = scans.First(s => s.Perturbation == control).Primary;
        if (controlBehaviour is null) return;
        foreach (var scan in scans.Where(s => s.Perturbation != control))
        {
            // A perturbation under which most trials overflow is reported as diverging (DivergenceSection), not as an accuracy change.
            if (scan.MostlyDiverged || scan.Primary is not { } perturbed) continue;
            try
            {
                output.Effects.Add(PerturbationEffects.Compare(scan.Perturbation, controlBehaviour, perturbed, output.Psychometric,
                    output.Stream($"perturbation/{scan.Perturbation}")));
            }
            catch (AnalysisException e) { output.Notes.Add($"No comparison of {scan.Perturbation} with {control}: {e.Message}."); }
        }
        if (output.Effects.Count == 0) return;
        string unit = axes.Family == TaskFamily.CueEvidence ? "events/s" : axes.Family == TaskFamily.PairedEvidence ? "Hz" : "%";
        var figures = new List<ReportFigure>
        {
            output.Figure("perturbation-accuracy.png", "Accuracy change of each perturbation versus control (95 % bootstrap CI).",
                path => PerturbationFigure.Save(path, output.Effects, PerturbationMetric.Accuracy, unit)),
            output.Figure("perturbation-bias.png", "Psychometric bias shift Δμ (95 % bootstrap CI).",
                path => PerturbationFigure.Save(path, output.Effects, PerturbationMetric.Bias, unit)),
            output.Figure("perturbation-threshold.png", "Psychometric threshold change Δσ (95 % bootstrap CI).",
                path => PerturbationFigure.Save(path, output.Effects, PerturbationMetric.Threshold, unit)),
        };
        if (output.Effects.Any(e => e.MeanRtShiftMs is not null))
            figures.Add(output.Figure("perturbation-rt.png", "Mean correct-trial RT shift (95 % bootstrap CI).",
                path => PerturbationFigure.Save(path, output.Effects, PerturbationMetric.ReactionTime, unit)));
        output.Sections.Add(new ReportSection("Perturbations",
            [$"Each perturbation against '{control}' on the {TaskAxes.PrimaryCurve}-trials curve; trials resampled within conditions of both partitions."],
            [ReportTables.Perturbations(output.Effects)], figures));
    }
}
