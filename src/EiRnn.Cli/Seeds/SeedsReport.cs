using System.Globalization;
using System.Text;
using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Report;
using EiRnn.Core.Config;
using EiRnn.Core.Io;
using EiRnn.Training;

namespace EiRnn.Cli.Seeds;

/// <summary>One seed's row of the seeds report; the summary is null when its run wrote none (it failed).</summary>
internal sealed record SeedOutcome(SeedRunResult Run, TrainSummary? Summary)
{
    /// <summary>Training stops at the criterion, so the trials trained are the trials to criterion when it was reached.</summary>
    public long? TrialsToCriterion => Summary is { Converged: true } s ? s.TrialsTrained : null;
}

/// <summary>
/// seeds.md in DIR (table: seed, trials to criterion, trials trained, wall time, final metric, criterion reached, stop
/// reason), DIR/seeds.csv (the same, for scripts) and DIR/learning-curves.png (the seeds' curves overlaid) after `train --seeds`.
/// </summary>
internal static class SeedsReport
{
    public const string Markdown = "seeds.md", Csv = "seeds.csv", Figure = "learning-curves.png";

    public static IReadOnlyList<SeedOutcome> Write(string outDir, string task, IReadOnlyList<SeedRunResult> runs)
    {
        var outcomes = runs.Select(r => new SeedOutcome(r, ReadSummary(r.Dir))).ToArray();
        var curves = outcomes.Where(o => File.Exists(Path.Combine(o.Run.Dir, TrainingRun.CurveFile)))
            .Select(o => ($"seed {o.Run.Seed.ToString(CultureInfo.InvariantCulture)}", LearningCurve.Read(Path.Combine(o.Run.Dir, TrainingRun.CurveFile))))
            .ToArray();
        var first = outcomes.Select(o => o.Summary).FirstOrDefault(s => s is not null);
        if (curves.Length > 0)
            LearningCurveFigure.SaveOverlay(Path.Combine(outDir, Figure), curves, $"Validation {first?.Metric ?? "performance"}", first?.Criterion);
        SafeFile.WriteAllTextAtomically(Path.Combine(outDir, Csv), CsvText(outcomes));
        SafeFile.WriteAllTextAtomically(Path.Combine(outDir, Markdown), MarkdownText(task, outcomes, first, curves.Length > 0));
        return outcomes;
    }

    private static TrainSummary? ReadSummary(string dir)
    {
        string path = Path.Combine(dir, TrainingRun.SummaryFile);
        return File.Exists(path) ? JsonConfig.ParseSubset<TrainSummary>(SafeFile.ReadAllText(path), path) : null;
    }

    private static string CsvText(IEnumerable<SeedOutcome> outcomes)
    {
        var b = new StringBuilder("seed,exit_code,trials_to_criterion,trials_trained,wall_seconds,metric,final_value,converged,stop_reason\n");
        foreach (var o in outcomes)
        {
            var s = o.Summary;
            b.Append(CultureInfo.InvariantCulture, $"{o.Run.Seed},{o.Run.ExitCode},{o.TrialsToCriterion},{s?.TrialsTrained},{s?.WallSeconds.ToString("R", CultureInfo.InvariantCulture)},")
             .Append(CultureInfo.InvariantCulture, $"{s?.Metric},{s?.ValidationPerformance.ToString("R", CultureInfo.InvariantCulture)},{(s is null ? "" : s.Converged ? "true" : "false")},{s?.StopReason}\n");
        }
        return b.ToString();
    }

    private static string MarkdownText(string task, IReadOnlyList<SeedOutcome> outcomes, TrainSummary? first, bool figure)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"# Seeds: {task}\n\n");
        if (first is not null)
            b.Append(CultureInfo.InvariantCulture, $"Criterion: {first.CriterionDescription}. Each seed trained alone with one LibTorch thread (`train --seed S --threads 1`).\n\n");
        b.Append("| seed | trials to criterion | trials trained | wall time (s) | final metric | reached criterion | stop reason |\n|---|---|---|---|---|---|---|\n");
        foreach (var o in outcomes)
        {
            var s = o.Summary;
            string metric = s is null ? "–" : $"{s.Metric} {s.ValidationPerformance.ToString("F3", CultureInfo.InvariantCulture)}";
            string stop = s?.StopReason ?? $"failed (exit {o.Run.ExitCode}, see seed-{o.Run.Seed.ToString(CultureInfo.InvariantCulture)}/{SeedRuns.LogFile})";
            b.Append(CultureInfo.InvariantCulture,
                $"| {o.Run.Seed} | {o.TrialsToCriterion?.ToString("N0", CultureInfo.InvariantCulture) ?? "–"} | {s?.TrialsTrained.ToString("N0", CultureInfo.InvariantCulture) ?? "–"} | ")
             .Append(CultureInfo.InvariantCulture, $"{s?.WallSeconds.ToString("F0", CultureInfo.InvariantCulture) ?? "–"} | {metric} | {(s is { Converged: true } ? "yes" : "no")} | {stop} |\n");
        }
        if (figure) b.Append(CultureInfo.InvariantCulture, $"\n![learning curves]({Figure})\n");
        return b.ToString();
    }
}
