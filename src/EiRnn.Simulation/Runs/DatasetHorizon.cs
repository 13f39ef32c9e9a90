using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Runs;

/// <summary>
/// The common time axis of a dataset: every trial is simulated for the same number of steps (trials
/// shorter than the horizon continue with zero task input after their end) so the time series share
/// one length, recorded in the manifest.
/// </summary>
public static class DatasetHorizon
{
    public static int Steps(ICognitiveTask task, IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs)
    {
        if (task is ITrialDurationBound bound) return TrialAssembler.StepsFor(bound.MaxTrialMs(timing), dtMs);
        // Fixed-duration tasks: one forced trial per condition has every length there is.
        var probe = task.Forced(conditions, timing, dtMs, RandomStream.Derive(0, "dataset/horizon-probe"));
        return probe.Steps;
    }

    /// <summary>Pads a block to the horizon, or explains which task breaks the fixed-length assumption.</summary>
    public static TrialBatch Fit(TrialBatch batch, int steps, string taskName)
    {
        if (batch.Steps > steps)
            throw new Core.Errors.SimulationException(
                $"task '{taskName}' produced a trial of {batch.Steps} steps, longer than the dataset's {steps}; " +
                "a task with random trial lengths must implement ITrialDurationBound");
        return batch.PaddedTo(steps);
    }

    public static IReadOnlyList<double> SampleTimes(int savedSamples, int stride, float dtMs) =>
        Enumerable.Range(0, savedSamples).Select(j => (j + 1) * stride * (double)dtMs).ToArray();
}
