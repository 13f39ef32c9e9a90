using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Core.Checkpoints;

namespace EiRnn.Training;

/// <summary>
/// Progress of a training run: on a terminal one redrawn line with rate and time to the next validation;
/// otherwise a plain line per validation and one every <see cref="PlainInterval"/>.
/// </summary>
public sealed class TrainingProgressPrinter(TextWriter output, bool interactive)
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(30);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastPrint = TimeSpan.Zero;
    private long _firstUpdates = -1;
    private string _lastValidation = "";

    public static TrainingProgressPrinter ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Step(Trainer t, StepReport report)
    {
        if (_firstUpdates < 0) _firstUpdates = t.Updates - 1;
        var now = _clock.Elapsed;
        if (now - _lastPrint < (interactive ? RedrawInterval : PlainInterval)) return;
        _lastPrint = now;
        double rate = (t.Updates - _firstUpdates) / Math.Max(now.TotalSeconds, 1e-9);
        long toNext = t.ValidationEvery - t.Updates % t.ValidationEvery;
        string line = $"update {t.Updates:N0} ({t.Trials:N0} trials) | {rate:F1} updates/s | loss {report.Loss:F4}" +
                      $"{(t.Config.Network is RateNetworkConfig { LambdaOmega: > 0 } ? $" omega {report.Omega:F3}" : "")} | next validation in {Format(TimeSpan.FromSeconds(toNext / Math.Max(rate, 1e-9)))}" +
                      $"{_lastValidation} | {Format(now)}";
        if (interactive) output.Write($"\r{line}\u001b[K");
        else output.WriteLine(line);
        output.Flush();
    }

    public void Stage(Trainer t, CurriculumEvaluation e)
    {
        if (!e.Passed) return;
        var c = t.Curriculum!;
        if (interactive) output.Write("\r\u001b[K");
        output.WriteLine($"curriculum: {c.Stages[e.Stage].Name} passed at {e.Trials:N0} trials ({c.Stages[e.Stage].MetricName} {e.Value:F3})" +
                         (t.InCurriculum ? $"; now {c.Stages[t.CurriculumStage].Name}" : "; all stages passed") + $" [{Format(_clock.Elapsed)}]");
        output.Flush();
    }

    public void Validation(Trainer t, ValidationRecord r, bool isBest)
    {
        _lastValidation = $" | val perf {r.Performance:F3}";
        if (interactive) output.Write("\r\u001b[K");
        output.WriteLine($"validation at {r.Trials:N0} trials: cost {r.Cost:F5}, performance {r.Performance:F4}, rmse {r.Rmse:F4}" +
                         $"{(isBest ? " (best)" : "")} [{Format(_clock.Elapsed)}]");
        output.Flush();
    }

    public void Finished(TrainSummary s)
    {
        if (interactive) output.Write("\r\u001b[K");
        output.WriteLine($"stopped ({s.StopReason}) after {s.TrialsTrained:N0} trials in {Format(TimeSpan.FromSeconds(s.WallSeconds))}: " +
                         $"{s.Metric} {s.ValidationPerformance:F4}, converged {s.Converged.ToString().ToLowerInvariant()}");
        output.Flush();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"mm\:ss");
}
