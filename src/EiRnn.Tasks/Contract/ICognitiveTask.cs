using EiRnn.Core.Random;

namespace EiRnn.Tasks.Contract;

/// <summary>Per-trial behavioural outcome (the trials table's choice / correct / rt_ms).</summary>
/// <param name="Choice">0-based output index; null when the network gave no response.</param>
/// <param name="Correct">Null when undefined (catch trials, zero coherence, no response).</param>
/// <param name="RtMs">Reaction time from stimulus onset; null when the task has none or no crossing.</param>
public readonly record struct TrialOutcome(int? Choice, bool? Correct, double? RtMs)
{
    /// <summary>The trial's outputs or state overflowed (<see cref="TrialDivergence"/>): it has no choice, correctness or RT.</summary>
    public bool Diverged { get; init; }

    /// <summary>The outcome of a diverged trial: no choice, no correctness, no RT.</summary>
    public static TrialOutcome DivergedTrial => new(null, null, null) { Diverged = true };
}

/// <summary>
/// A cognitive task: owns its trial distribution, encodings, epochs and scoring (docs/tasks.md). Every random
/// draw comes from the <see cref="RandomStream"/> passed in, so the same seed gives the same batch.
/// Implementations must be immutable and thread-safe. Users add tasks by implementing this interface in
/// their own assembly (see README.md#custom-tasks).
/// </summary>
public interface ICognitiveTask
{
    TaskDescription Description { get; }

    /// <summary>The typed columns of <see cref="ITrialCondition.Write"/>, in order.</summary>
    IReadOnlyList<ConditionColumn> ConditionColumns { get; }

    /// <summary>The full test condition set (e.g. rdm-fixed: 10 conditions plus coherence 0), no catch trials.</summary>
    IReadOnlyList<ITrialCondition> TestConditions { get; }

    /// <summary>Fresh training trials: each trial is a catch trial with the task's probability, else every
    /// condition factor is drawn independently and uniformly (training timings).</summary>
    TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng);

    /// <summary>The validation set of docs/training.md#validation-stopping-and-model-selection: trial b is a catch trial when b mod (n_cond+1) = 0, else
    /// condition b−1 (mod n_cond) in column-major order; training timings, fresh durations.</summary>
    TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng);

    /// <summary>Exactly the given conditions, one trial each, in order (simulation and analysis).</summary>
    TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng);

    /// <summary>Scores each trial from the outputs z [B,T,Nout] of the same batch.</summary>
    TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z);

    /// <summary>The task's metric over a scored batch (fraction for accuracies, RMSE for regression).</summary>
    double Performance(TrialBatch batch, ReadOnlySpan<float> z);
}
