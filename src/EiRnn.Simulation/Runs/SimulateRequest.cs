using EiRnn.Core.Errors;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Runs;

/// <summary>The `simulate` verb's settings (defaults of README.md#simulation-and-datasets: dt 0.5 ms, test timings, z and r at 10 ms).</summary>
public sealed record SimulateRequest
{
    public required string ModelPath { get; init; }
    public required string OutDir { get; init; }
    /// <summary>Task to simulate; null = the model's eirnn.task.</summary>
    public string? Task { get; init; }
    public int TrialsPerCondition { get; init; } = 100;
    public float DtMs { get; init; } = 0.5f;
    public TaskTiming Timing { get; init; } = TaskTiming.Test;
    public float DtSaveMs { get; init; } = 10f;
    public bool SaveRates { get; init; } = true;
    public ulong Seed { get; init; } = 1;
    /// <summary>Trials per work unit (one part file each; resume granularity).</summary>
    public int TrialsPerUnit { get; init; } = 1000;
    public SessionSettings Session { get; init; } = new();

    public SimulateRequest Validated()
    {
        if (TrialsPerCondition is < 1 or > 100_000_000) throw new ConfigException("trials-per-condition", $"must be in [1, 100000000], got {TrialsPerCondition}");
        if (!(DtMs > 0) || !float.IsFinite(DtMs)) throw new ConfigException("dt", $"must be > 0 ms, got {DtMs}");
        if (TrialsPerUnit is < 1 or > 1_000_000) throw new ConfigException("trials-per-unit", $"must be in [1, 1000000], got {TrialsPerUnit}");
        if (!File.Exists(ModelPath)) throw new ConfigException("model", $"{ModelPath} does not exist");
        return this;
    }
}

/// <summary>What a finished simulation reports.</summary>
public sealed record SimulateSummary(string OutDir, string Task, long Trials, long TrialsSimulatedNow, int Units, int UnitsSkipped,
    double WallSeconds, double TrialsPerSecond, double UnitStepsPerSecond, double WriteSeconds)
{
    /// <summary>Diverged trials among those simulated now (one entry, "control").</summary>
    public IReadOnlyList<DivergedTrialCount> Diverged { get; init; } = [];
}
