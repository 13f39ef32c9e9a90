using System.Diagnostics;
using System.Globalization;

namespace EiRnn.Training;

/// <summary>
/// Progress of a training run: on a terminal one redrawn line with rate and time to the next validation;
/// otherwise a plain line per validation and one every <see cref="PlainInterval"/>.
/// </summary>
public sealed class TrainingProgressPrinter(TextWriter output, bool interactive) : IProgress<TrainingEvent>
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(30);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastPrint = TimeSpan.Zero;
    private long _firstUpdates = -1;
    private string _lastValidation = "";

    public static TrainingProgressPrinter ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(TrainingEvent value)
    {
        switch (value)
        {
            case UpdateDone u: Update(u); break;
            case StageEvaluated { Passed: true } s: Line($"curriculum: {s.Stage} passed at {s.Trials:N0} trials ({s.Metric} {s.Value:F3})" +
                                                         (s.NextStage is { } next ? $"; now {next}" : "; all stages passed") + $" [{Format(_clock.Elapsed)}]"); break;
            case ValidationDone v:
                _lastValidation = $" | val perf {v.Record.Performance:F3}";
                Line($"validation at {v.Record.Trials:N0} trials: cost {v.Record.Cost:F5}, performance {v.Record.Performance:F4}, " +
                     $"rmse {v.Record.Rmse:F4}{(v.IsBest ? " (best)" : "")} [{Format(_clock.Elapsed)}]");
                break;
            case TrainingFinished { Summary: var s }:
                Line($"stopped ({s.StopReason}) after {s.TrialsTrained:N0} trials in {Format(TimeSpan.FromSeconds(s.WallSeconds))}: " +
                     $"{s.Metric} {s.ValidationPerformance:F4}, converged {s.Converged.ToString().ToLowerInvariant()}");
                break;
        }
    }

    private void Update(UpdateDone u)
    {
        if (_firstUpdates < 0) _firstUpdates = u.Updates - 1;
        var now = _clock.Elapsed;
        if (now - _lastPrint < (interactive ? RedrawInterval : PlainInterval)) return;
        _lastPrint = now;
        double rate = (u.Updates - _firstUpdates) / Math.Max(now.TotalSeconds, 1e-9);
        string line = $"update {u.Updates:N0} ({u.Trials:N0} trials) | {rate:F1} updates/s | loss {u.Loss:F4}" +
                      $"{(u.Omega is { } omega ? $" omega {omega:F3}" : "")} | next validation in {Format(TimeSpan.FromSeconds(u.UpdatesToValidation / Math.Max(rate, 1e-9)))}" +
                      $"{_lastValidation} | {Format(now)}";
        if (interactive) output.Write($"\r{line}\u001b[K");
        else output.WriteLine(line);
        output.Flush();
    }

    /// <summary>A whole line, after clearing the redrawn update line on a terminal.</summary>
    private void Line(string text)
    {
        if (interactive) output.Write("\r\u001b[K");
        output.WriteLine(text);
        output.Flush();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
