using EiRnn.Core.Checkpoints;

namespace EiRnn.Training;

/// <summary>
/// What a <see cref="TrainingRun"/> reports as it goes, to an <see cref="IProgress{T}"/>: values copied out of the
/// trainer, so a reporter that runs later (e.g. <see cref="Progress{T}"/> on another thread) sees them as they were.
/// </summary>
public abstract record TrainingEvent;

/// <summary>One update done; <paramref name="Omega"/> is null when the run has no Ω term.</summary>
public sealed record UpdateDone(long Updates, long Trials, long UpdatesToValidation, double Loss, double? Omega) : TrainingEvent;

/// <summary>A curriculum stage's metric was evaluated; <paramref name="NextStage"/> is null after the last stage.</summary>
public sealed record StageEvaluated(string Stage, string Metric, double Value, long Trials, bool Passed, string? NextStage) : TrainingEvent;

public sealed record ValidationDone(ValidationRecord Record, bool IsBest) : TrainingEvent;

public sealed record TrainingFinished(TrainSummary Summary) : TrainingEvent;
