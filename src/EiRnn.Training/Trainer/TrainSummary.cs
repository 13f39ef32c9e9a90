namespace EiRnn.Training;

/// <summary>DIR/train-summary.json (DESIGN.md "Command line"): the outcome of a `train` run.</summary>
public sealed record TrainSummary(
    string Task,
    string Preset,
    ulong Seed,
    long TrialsTrained,
    long Updates,
    string Metric,
    /// <summary>The metric of the kept (lowest validation cost) network; a fraction for accuracies.</summary>
    double ValidationPerformance,
    /// <summary>Mean of the last validations the stopping rule looked at.</summary>
    double StoppingWindowMean,
    double Criterion,
    string CriterionDescription,
    bool Converged,
    string StopReason,
    double BestValidationCost,
    long BestUpdates,
    int Validations,
    int ValidationEvery,
    int Threads,
    double WallSeconds);
