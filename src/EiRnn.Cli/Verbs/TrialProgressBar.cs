using EiRnn.Core.Progress;
using EiRnn.Simulation.Runs;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// Shows a `simulate` or `sweep` run's <see cref="TrialProgress"/> as a console <see cref="ProgressBar"/>. Reports arrive on
/// the run's own thread, in order, so the bar is driven synchronously (not through <see cref="Progress{T}"/>'s thread pool).
/// </summary>
internal sealed class TrialProgressBar(string label) : IProgress<TrialProgress>
{
    private ProgressBar? _bar;
    private long _done;

    public void Report(TrialProgress value)
    {
        switch (value.Stage)
        {
            case TrialProgressStage.Started:
                _bar = ProgressBar.ForConsole(label, value.Total, "trials");
                _bar.Skip(value.Done);
                break;
            case TrialProgressStage.UnitWritten:
                _bar?.Advance(value.Done - _done);
                break;
            case TrialProgressStage.Finished:
                _bar?.Finish();
                break;
        }
        _done = value.Done;
    }
}
