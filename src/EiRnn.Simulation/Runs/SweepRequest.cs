using EiRnn.Core.Errors;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Simulation.Runs;

/// <summary>The `sweep` verb's settings: model, spec file, dataset folder and this process's shard.</summary>
public sealed record SweepRequest
{
    public required string ModelPath { get; init; }
    public required string SpecPath { get; init; }
    public required string OutDir { get; init; }
    public ShardSelection Shard { get; init; } = ShardSelection.Whole;
    public SessionSettings Session { get; init; } = new();

    public SweepRequest Validated()
    {
        if (!File.Exists(ModelPath)) throw new ConfigException("model", $"{ModelPath} does not exist");
        if (!File.Exists(SpecPath)) throw new ConfigException("spec", $"{SpecPath} does not exist");
        if (string.IsNullOrWhiteSpace(OutDir)) throw new ConfigException("out", "must name a dataset folder");
        return this;
    }
}

/// <summary>What one shard of a sweep reports when it finishes.</summary>
/// <param name="WriteSeconds">Time spent writing Parquet (encoding, compression, fsync, renames).</param>
public sealed record SweepSummary(string OutDir, string Task, ShardSelection Shard, int Perturbations, long ShardTrials,
    long TrialsSimulatedNow, int Units, int UnitsSkipped, double WallSeconds, double TrialsPerSecond, double UnitStepsPerSecond,
    double WriteSeconds)
{
    public double WriteShare => WallSeconds > 0 ? WriteSeconds / WallSeconds : 0;

    /// <summary>Diverged trials per perturbation among those simulated now by this shard.</summary>
    public IReadOnlyList<DivergedTrialCount> Diverged { get; init; } = [];
}
