namespace EiRnn.Simulation.Runs;

/// <summary>When a <see cref="TrialProgress"/> is reported.</summary>
public enum TrialProgressStage
{
    /// <summary>Before the first unit: <see cref="TrialProgress.Done"/> counts the trials already on disk (a resumed run).</summary>
    Started,

    /// <summary>After each unit written by this run.</summary>
    UnitWritten,

    /// <summary>Once, after the last unit and the shard's completion marker.</summary>
    Finished,
}

/// <summary>Progress of a `simulate` or `sweep` run in trials, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Total">Trials of every unit this run covers (a sweep: this shard's).</param>
/// <param name="Done">Trials complete so far, skipped units included.</param>
public readonly record struct TrialProgress(long Total, long Done, TrialProgressStage Stage);
