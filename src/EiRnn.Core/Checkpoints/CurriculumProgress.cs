namespace EiRnn.Core.Checkpoints;

/// <summary>One metric evaluation of a curriculum stage (docs/training.md#curriculum-learning: the (value, stage) record).</summary>
/// <param name="Updates">Training batches before the evaluation.</param>
/// <param name="Trials">Training trials before the evaluation (metric batches do not count).</param>
public sealed record CurriculumEvaluation(int Stage, long Updates, long Trials, double Value, bool Passed);

/// <summary>Where a stage began and, once passed, where it ended and with which metric value.</summary>
public sealed record CurriculumStageRecord(
    int Stage,
    string Name,
    string Task,
    string Metric,
    double Threshold,
    long UpdatesAtEntry,
    long TrialsAtEntry,
    bool Passed,
    long? UpdatesAtPass,
    long? TrialsAtPass,
    double? ValueAtPass,
    int Evaluations);

/// <summary>The curriculum state a checkpoint carries, so that a resumed run continues in the same stage.</summary>
/// <param name="Stage">Index of the stage being trained; equals the stage count once all have passed.</param>
public sealed record CurriculumProgress(int Stage, IReadOnlyList<CurriculumStageRecord> Stages, IReadOnlyList<CurriculumEvaluation> Evaluations)
{
    public bool Completed(int stageCount) => Stage >= stageCount;
}
