using System.Text.Json;
using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Report;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;

namespace EiRnn.Analysis.Runs;

/// <summary>The fields of a `train` run's train-summary.json that the report shows (other keys are ignored).</summary>
public sealed record TrainingOutcome(string? Task, long? TrialsTrained, string? Metric, double? ValidationPerformance, double? Criterion, bool? Converged)
{
    public static TrainingOutcome? Read(string? trainingDir)
    {
        if (trainingDir is null) return null;
        string path = Path.Combine(trainingDir, "train-summary.json");
        if (!File.Exists(path)) return null;
        try { return JsonConfig.ParseSubset<TrainingOutcome>(SafeFile.ReadAllText(path), path); }
        catch (ConfigException e) { throw new AnalysisException($"cannot read the training summary: {e.Message}", e); }
    }
}

/// <summary>The learning curve of the training run, when a training folder is given.</summary>
internal static class TrainingSection
{
    public static void Add(RunOutput output, string? trainingDir)
    {
        if (trainingDir is null) return;
        string csv = Path.Combine(trainingDir, "learning-curve.csv");
        if (!File.Exists(csv)) { output.Notes.Add($"No learning curve: {csv} not found."); return; }
        var curve = LearningCurve.Read(csv);
        if (curve.Points.Count == 0) { output.Notes.Add($"No learning curve: {csv} has no rows."); return; }
        var summary = TrainingOutcome.Read(trainingDir);
        // train-summary.json and learning-curve.csv store accuracies as fractions (docs/training.md#outputs-of-a-run).
        string label = summary?.Metric switch
        {
            "percent_correct" => "Validation performance (fraction correct)",
            "min_condition_percent_correct" => "Validation performance (min. fraction correct over conditions)",
            string m => $"Validation {m.Replace('_', ' ')}",
            null => "Validation performance",
        };
        var figure = output.Figure("learning-curve.png", "Validation performance and cost versus trials trained.",
            path => LearningCurveFigure.Save(path, curve, label, summary?.Criterion));
        var paragraphs = summary is null ? new List<string>() :
        [
            $"Trained {summary.TrialsTrained} trials; kept network's validation {summary.Metric} = {ReportWriter.Number(summary.ValidationPerformance)} " +
            $"(criterion {ReportWriter.Number(summary.Criterion)}, converged: {(summary.Converged == true ? "yes" : "no")}).",
        ];
        output.Sections.Add(new ReportSection("Training", paragraphs, [], [figure]));
    }
}
