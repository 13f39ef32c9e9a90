using System.Globalization;
using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Multisensory;
using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Report;
using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;

namespace EiRnn.Analysis.Runs;

/// <summary>Psychometric fits, per-condition behaviour, and the modules of the declared capabilities: reaction time, % correct versus
/// duration, per-context and per-cue curves, cue integration, per-pair accuracy (docs/analysis.md#task-capabilities).</summary>
internal static class BehaviourSections
{
    public static void Add(RunOutput output, TaskAxes axes, DatasetManifest manifest, IReadOnlyList<PerturbationScan> scans, string control)
    {
        var fits = new Dictionary<(string Perturbation, string Curve), PsychometricFit>();
        foreach (var scan in scans)
            foreach (var (curve, summary) in scan.Curves)
            {
                output.Behaviour.AddRange(Rows(scan.Perturbation, curve, summary));
                if (axes.Family == TaskFamily.Other) continue;
                try
                {
                    var fit = PsychometricAnalysis.Fit(summary.ChoiceCounts, output.Psychometric, output.Stream($"psychometric/{scan.Perturbation}/{curve}"));
                    fits[(scan.Perturbation, curve)] = fit;
                    output.Fits.Add(new PsychometricFitRow(scan.Perturbation, curve, fit.Mu.Value, fit.Mu.Lower, fit.Mu.Upper,
                        fit.Sigma.Value, fit.Sigma.Lower, fit.Sigma.Upper, fit.Points.Sum(p => p.Trials)));
                }
                catch (AnalysisException e)
                {
                    output.Notes.Add($"No psychometric fit for {scan.Perturbation} / {curve}: {e.Message}.");
                }
            }

        var controlScan = scans.First(s => s.Perturbation == control);
        var controlCurves = controlScan.Curves;
        var figures = new List<ReportFigure>();
        var tables = new List<ReportTable>();
        var paragraphs = new List<string>();
        if (controlScan.Primary is { } primary)
        {
            paragraphs.Add($"{control}: {primary.Trials} trials with a stimulus ({controlScan.CatchTrials} catch trials excluded), " +
                           $"{100 * primary.Accuracy:F1} % correct over scored trials, {primary.NoResponse} without a response.");
            tables.Add(ReportTables.Behaviour(primary));
        }
        if (axes.Family == TaskFamily.PairedEvidence && controlScan.Pairs.Cells.Count > 0)
        {
            paragraphs.Add($"Minimum over the {controlScan.Pairs.Cells.Count} (f1, f2) conditions: {100 * controlScan.Pairs.Minimum:F1} % correct " +
                           "(romo's performance measure, docs/tasks.md#romo).");
            tables.Add(PairTable(controlScan.Pairs));
        }
        var fitLabels = fits.Select(kv => ($"{kv.Key.Perturbation} / {kv.Key.Curve}", kv.Value)).ToArray();
        if (fitLabels.Length > 0) tables.Insert(0, ReportTables.Psychometric(fitLabels));

        // One psychometric figure of the primary curve, control and every perturbation on one plot.
        var primaryFits = scans.Where(s => fits.ContainsKey((s.Perturbation, TaskAxes.PrimaryCurve)))
            .Select(s => (s.Perturbation, fits[(s.Perturbation, TaskAxes.PrimaryCurve)])).ToArray();
        if (primaryFits.Length > 0 && axes.Family != TaskFamily.ContextEvidence)
            figures.Add(output.Figure("psychometric.png", "Psychometric function with cumulative-Gaussian fits (control and each perturbation).",
                path => PsychometricFigure.Save(path, primaryFits, axes.StimulusLabel, axes.PositiveChoiceLabel)));
        var caps = axes.Capabilities;
        if (axes.Family == TaskFamily.ContextEvidence && caps.Context is { } context)
            foreach (string ctx in context.Levels)
            {
                var factors = new[] { caps.Evidence, caps.SecondEvidence }.OfType<Tasks.Contract.EvidenceFactor>().Select(e => e.Name).ToArray();
                var curves = factors.Where(m => fits.ContainsKey((control, $"{ctx} context: {m}")))
                    .Select(m => ($"{m} coherence", fits[(control, $"{ctx} context: {m}")])).ToArray();
                if (curves.Length == 0) continue;
                figures.Add(output.Figure($"psychometric-{ctx}-context.png", $"{ctx} context: choices versus {string.Join(" and ", factors)} (relevant: {ctx}).",
                    path => PsychometricFigure.Save(path, curves, axes.StimulusLabel, axes.PositiveChoiceLabel, $"Psychometric functions, {ctx} context")));
            }
        if (axes.Family == TaskFamily.CueEvidence && caps.Cues is { } cues)
        {
            var levels = cues.SingleCueLevels.Append(cues.CombinedLevel).ToArray();
            var curves = levels.Where(m => fits.ContainsKey((control, m))).Select(m => (m, fits[(control, m)])).ToArray();
            if (curves.Length > 0)
                figures.Add(output.Figure($"psychometric-{cues.Column}.png", $"Psychometric functions per {cues.Column} ({string.Join(", ", levels)}).",
                    path => PsychometricFigure.Save(path, curves, axes.StimulusLabel, axes.PositiveChoiceLabel, $"Psychometric functions per {cues.Column}")));
            if (cues.SingleCueLevels.Count == 2 && controlCurves.TryGetValue(cues.SingleCueLevels[0], out var v)
                && controlCurves.TryGetValue(cues.SingleCueLevels[1], out var a) && controlCurves.TryGetValue(cues.CombinedLevel, out var va))
            {
                try
                {
                    var m = MultisensoryIntegration.Analyse(v.ChoiceCounts, a.ChoiceCounts, va.ChoiceCounts, output.Psychometric, output.Stream("cue-integration"));
                    tables.Add(ReportTables.Multisensory(m));
                }
                catch (AnalysisException e) { output.Notes.Add($"No multisensory integration check: {e.Message}."); }
            }
        }
        output.Sections.Add(new ReportSection("Behaviour", paragraphs, tables, figures));

        if (caps.ReactionTime && controlScan.Primary is { } rtBehaviour) AddReactionTime(output, rtBehaviour);
        if (controlScan.Duration is { } duration) AddDuration(output, control, duration);
    }

    private static ReportTable PairTable(PairAccuracy pairs) => new(
        "% correct per condition (f1, f2)", ["f1 (Hz)", "f2 (Hz)", "Scored trials", "Correct (%)"],
        pairs.Cells.Select(c => (IReadOnlyList<string>)[ReportWriter.Number(c.F1Hz, "G4"), ReportWriter.Number(c.F2Hz, "G4"),
            c.Scored.ToString(CultureInfo.InvariantCulture), ReportWriter.Number(100 * c.FractionCorrect, "F1")]).ToArray());

    private static IEnumerable<ConditionBehaviourRow> Rows(string perturbation, string curve, BehaviourSummary s) =>
        s.Conditions.Select(c => new ConditionBehaviourRow(perturbation, curve, c.Stimulus, c.Trials, c.NoResponse,
            c.Responded == 0 ? double.NaN : (double)c.Positive / c.Responded,
            c.Scored == 0 ? double.NaN : (double)c.Correct / c.Scored,
            c.CorrectRtMs.Count == 0 ? double.NaN : c.CorrectRtMs.Average()));

    private static void AddReactionTime(RunOutput output, BehaviourSummary behaviour)
    {
        var rt = ReactionTimeSummary.From(behaviour);
        var figures = new List<ReportFigure>();
        if (rt.ByCoherence.Any(p => p.CorrectTrials > 0))
        {
            figures.Add(output.Figure("reaction-time.png", "Mean correct-trial reaction time versus coherence (threshold 1 on the outputs).",
                path => BehaviourFigures.SaveReactionTime(path, rt)));
            figures.Add(output.Figure("reaction-time-histogram.png", "Distribution of correct-trial reaction times.",
                path => BehaviourFigures.SaveReactionTimeHistogram(path, rt)));
        }
        output.Sections.Add(new ReportSection("Reaction time",
            ["Choice and RT as the simulator stored them: the task's threshold rule on every integration step (docs/analysis.md#reaction-time); trials without a crossing are excluded."],
            [ReportTables.ReactionTime(rt)], figures));
    }

    private static void AddDuration(RunOutput output, string perturbation, DurationAccuracy duration)
    {
        try
        {
            var curves = duration.Curves();
            output.Durations.AddRange(curves.SelectMany(c => c.Bins.Select(b =>
                new DurationBinRow(perturbation, c.Coherence, b.LowerEdgeMs, b.UpperEdgeMs, b.Trials, b.PercentCorrect / 100))));
            var figure = output.Figure("duration-accuracy.png", "% correct versus stimulus duration (10 equal-count bins per coherence).",
                path => BehaviourFigures.SaveDurationAccuracy(path, curves));
            output.Sections.Add(new ReportSection("Accuracy versus stimulus duration", [], [], [figure]));
        }
        catch (AnalysisException e) { output.Notes.Add($"No duration analysis: {e.Message}."); }
    }
}
