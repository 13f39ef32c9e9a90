using System.Diagnostics;

namespace EiRnn.Core.Progress;

/// <summary>
/// Progress of a long counted job (trials, units): on a terminal one redrawn bar with rate and ETA; when
/// output is redirected (CI, Slurm logs) a plain line every <see cref="PlainInterval"/>.
/// </summary>
public sealed class ProgressBar
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(20);
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly string _label, _unit;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.FromDays(-1); // not MinValue: now - MinValue overflows
    private long _done, _startDone = -1;

    public ProgressBar(TextWriter output, bool interactive, string label, long total, string unit)
    {
        (_output, _interactive, _label, _total, _unit) = (output, interactive, label, Math.Max(total, 1), unit);
    }

    public static ProgressBar ForConsole(string label, long total, string unit) =>
        new(Console.Error, !Console.IsErrorRedirected, label, total, unit);

    public long Done => _done;
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Items already complete before this run (resumed work): excluded from the rate.</summary>
    public void Skip(long count) { _done += count; }

    public void Advance(long count)
    {
        if (_startDone < 0) _startDone = _done;
        _done += count;
        var now = _clock.Elapsed;
        if (_done < _total && now - _last < (_interactive ? RedrawInterval : PlainInterval)) return;
        _last = now;
        Print(now);
    }

    public void Finish()
    {
        Print(_clock.Elapsed);
        if (_interactive) _output.WriteLine();
        _output.Flush();
    }

    private void Print(TimeSpan now)
    {
        double rate = (_done - Math.Max(_startDone, 0)) / Math.Max(now.TotalSeconds, 1e-9);
        double fraction = Math.Min(1, (double)_done / _total);
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total - _done) / rate) : TimeSpan.Zero;
        string stats = $"{_done:N0}/{_total:N0} {_unit} | {rate:N0} {_unit}/s | elapsed {Format(now)} | ETA {Format(eta)}";
        if (_interactive)
        {
            const int width = 28;
            int filled = (int)Math.Round(fraction * width);
            _output.Write($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {stats}\u001b[K");
        }
        else _output.WriteLine($"{_label}: {fraction:P0} {stats}");
        _output.Flush();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : $"{t.Minutes:00}:{t.Seconds:00}";
}
