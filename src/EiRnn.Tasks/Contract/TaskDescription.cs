using EiRnn.Core.Network;

namespace EiRnn.Tasks.Contract;

/// <summary>How a task's performance is measured (docs/training.md#validation-stopping-and-model-selection, docs/tasks.md).</summary>
public enum TaskMetric
{
    /// <summary>Fraction correct over non-catch trials (higher is better).</summary>
    PercentCorrect,
    /// <summary>Minimum over conditions of the fraction correct (Romo).</summary>
    MinConditionPercentCorrect,
    /// <summary>Root mean squared error over the error mask (lower is better).</summary>
    Rmse,
    /// <summary>PsychRNN accuracy: argmax of the time-mean masked output equals the target's (docs/tasks.md#scoring).</summary>
    Accuracy,
}

/// <summary>When training stops (docs/training.md#validation-stopping-and-model-selection and the PsychRNN criteria of docs/tasks.md).</summary>
/// <param name="Threshold">Fraction (accuracies) or RMSE value.</param>
/// <param name="Window">Number of last validations averaged (1 = last value).</param>
/// <param name="Strict">True: mean &gt; threshold; false: ≥ (or ≤ for RMSE).</param>
public sealed record StoppingCriterion(TaskMetric Metric, double Threshold, int Window, bool Strict)
{
    public bool LowerIsBetter => Metric == TaskMetric.Rmse;

    public bool IsMet(IReadOnlyList<double> history)
    {
        if (history.Count == 0) return false;
        int n = Math.Min(Window, history.Count);
        double mean = history.Skip(history.Count - n).Average();
        if (LowerIsBetter) return Strict ? mean < Threshold : mean <= Threshold;
        return Strict ? mean > Threshold : mean >= Threshold;
    }

    public string Describe()
    {
        string op = LowerIsBetter ? (Strict ? "<" : "<=") : (Strict ? ">" : ">=");
        string what = Window == 1 ? "last validation" : $"mean of last {Window} validations";
        return $"{what} {MetricName(Metric)} {op} {Threshold}";
    }

    public static string MetricName(TaskMetric m) => m switch
    {
        TaskMetric.PercentCorrect => "percent_correct",
        TaskMetric.MinConditionPercentCorrect => "min_condition_percent_correct",
        TaskMetric.Rmse => "rmse",
        TaskMetric.Accuracy => "accuracy",
        _ => m.ToString(),
    };
}

/// <summary>
/// The network and recipe a task trains with by default (docs/training.md#default-values, docs/tasks.md): the trainer combines it
/// with the preset's optimiser settings; a user's train config may override any of it.
/// </summary>
public sealed record TaskNetworkDefaults
{
    public required Preset Preset { get; init; }
    public required int N { get; init; }
    public double ExcitatoryFraction { get; init; } = 0.8;
    public bool Dale { get; init; } = true;
    public float TauMs { get; init; } = 100f;
    /// <summary>Training Δt (τ/5 for pycog tasks).</summary>
    public required float DtTrainMs { get; init; }
    public float SigmaRec { get; init; } = 0.15f;
    public float SigmaIn { get; init; } = 0.01f;
    public required int BatchSize { get; init; }
    public required int ValidationTrials { get; init; }
    public ConnectivityStructure Structure { get; init; } = ConnectivityStructure.Dense;
    /// <summary>False: readout from excitatory units only (pycog default); true: all units (sequence task).</summary>
    public bool ReadoutFromAllUnits { get; init; }
    /// <summary>Continuous mode (docs/model.md#initial-state): each trial starts from the previous trial's final state.</summary>
    public bool Continuous { get; init; }
    /// <summary>Multisensory: connect the start-cue channel to all units (docs/tasks.md#multisensory option).</summary>
    public bool ConnectStartCue { get; init; }
}

/// <summary>What `eirnn tasks` prints about a task, and what the trainer and simulator need to know.</summary>
public sealed record TaskDescription
{
    public required string Name { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<string> InputNames { get; init; }
    public required IReadOnlyList<string> OutputNames { get; init; }
    /// <summary>Period names in trial order (catch trials may have fewer).</summary>
    public required IReadOnlyList<string> PeriodNames { get; init; }
    public required StoppingCriterion Criterion { get; init; }
    public required TaskNetworkDefaults Defaults { get; init; }
    /// <summary>Probability of a catch trial per training trial.</summary>
    public double CatchProbability { get; init; }
    /// <summary>Which u_task channels are non-negative by construction (all for pycog tasks).</summary>
    public bool InputsNonNegative { get; init; } = true;
    /// <summary>Training trials come in blocks of this many, each block a random permutation of the
    /// conditions (sequence: 8, docs/tasks.md#sequence); 1 = independent draws. A trainer whose minibatch is smaller
    /// (sequence: 1) should request whole blocks from TrainingBatch and feed their trials in order.</summary>
    public int TrainingBlockSize { get; init; } = 1;
    /// <summary>Time grid of docs/tasks.md#time-grids the task's trial function uses (PsychRNN tasks evaluate their
    /// trial function at k·dt for sample k; pycog tasks at (k+1)·dt).</summary>
    public TimeGrid TimeGrid { get; init; } = TimeGrid.Pycog;
    /// <summary>What the task's trials carry, for analysis (<see cref="TaskCapabilities"/>); nothing declared by default.</summary>
    public TaskCapabilities Capabilities { get; init; } = TaskCapabilities.None;
}

/// <summary>docs/tasks.md#time-grids: pycog samples t = 1..N_T at t·Δt, epochs (start, end]; PsychRNN evaluates the
/// task at k·Δt, k = 0..ceil(T/Δt)−1. Periods are always stored in the frame of docs/model.md#time-indexing (sample k at (k+1)·dt).</summary>
public enum TimeGrid { Pycog, PsychRnn }
