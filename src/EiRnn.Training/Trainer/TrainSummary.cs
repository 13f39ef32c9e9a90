using System.Text.Json;
using System.Text.Json.Serialization;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;

namespace EiRnn.Training;

/// <summary>DIR/train-summary.json (docs/training.md#outputs-of-a-run): the outcome of a `train` run.</summary>
public sealed record TrainSummary(
    string Task,
    string Preset,
    ulong Seed,
    long TrialsTrained,
    long Updates,
    string Metric,
    // The metric of the kept (lowest validation cost) network; a fraction for accuracies.
    double ValidationPerformance,
    // Mean of the last validations the stopping rule looked at.
    double StoppingWindowMean,
    double Criterion,
    string CriterionDescription,
    bool Converged,
    // criterion, curriculum (every stage passed), patience, max_updates, max_trials or max_wall_seconds.
    string StopReason,
    double BestValidationCost,
    long BestUpdates,
    int Validations,
    int ValidationEvery,
    int Threads,
    double WallSeconds)
{
    /// <summary>The run task's complete options.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? TaskOptions { get; init; }

    /// <summary>The curriculum's outcome, stage by stage (docs/training.md#curriculum-learning); absent without a curriculum.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CurriculumSummary? Curriculum { get; init; }
}

/// <summary>train-summary.json's curriculum block: whether every stage passed, and each stage's record (where it
/// began, and the trials and metric value at which it passed).</summary>
public sealed record CurriculumSummary(
    int MetricEveryBatches,
    AfterLastStage AfterLastStage,
    bool Completed,
    int StagesPassed,
    // Training trials when the last stage passed (null while stages remain).
    long? TrialsToComplete,
    IReadOnlyList<CurriculumStageRecord> Stages)
{
    public static CurriculumSummary? Of(Trainer t)
    {
        if (t.Curriculum is not { } c) return null;
        bool completed = t.CurriculumCompleted;
        return new CurriculumSummary(c.MetricEveryBatches, c.AfterLastStage, completed, t.StageRecords.Count(s => s.Passed),
            completed ? t.StageRecords[^1].TrialsAtPass : null, t.StageRecords);
    }
}
