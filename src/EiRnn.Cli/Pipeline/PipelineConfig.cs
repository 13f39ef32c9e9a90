using System.Text.Json;
using EiRnn.Cli.Seeds;
using EiRnn.Core.Errors;
using EiRnn.Simulation.Session;

namespace EiRnn.Cli.Pipeline;

/// <summary>
/// The `pipeline` verb's config (schemas/pipeline-config.schema.json): train → export → simulate → analyze
/// into one output folder. Each stage is skipped when its inputs and settings are unchanged.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>Output folder (relative paths are relative to the current directory).</summary>
    public string Out { get; init; } = "runs/pipeline";
    public TrainStageConfig Train { get; init; } = new();
    public SimulateStageConfig Simulate { get; init; } = new();
    public AnalyzeStageConfig Analyze { get; init; } = new();

    /// <summary>The built-in small rdm-fixed run: the README's first command.</summary>
    public static PipelineConfig BuiltIn { get; } = new()
    {
        Train = new TrainStageConfig
        {
            Task = "rdm-fixed", Seed = 1,
            // About six minutes of training on 2 cores; `converged` in train-summary.json says honestly
            // whether the criterion was reached in that time.
            MaxWallSeconds = 360,
        },
        Simulate = new SimulateStageConfig { TrialsPerCondition = 500 },
    };

    public PipelineConfig Validated()
    {
        if (string.IsNullOrWhiteSpace(Out)) throw new ConfigException("out", "must be a folder path");
        var train = Train.Validated();
        Simulate.Validated(); Analyze.Validated();
        return this with { Train = train };
    }
}

public sealed record TrainStageConfig
{
    public string Task { get; init; } = "rdm-fixed";
    /// <summary>A task file (docs/task-files.md) to train on instead of <see cref="Task"/>; relative to the current directory.</summary>
    public string? TaskFile { get; init; }
    /// <summary>The training seed; null = 1 (<see cref="Validated"/> fills it in), and it must be null with <see cref="Seeds"/>.</summary>
    public ulong? Seed { get; init; }
    /// <summary>
    /// Several seeds (docs/training.md#seeds-in-a-pipeline), e.g. [1, 2, 3]: each trained into OUT/train/seed-S exactly as
    /// `train --seed S --threads 1`, <see cref="Threads"/> of them at once; export, simulate and analyze take <see cref="AnalyzeSeed"/>'s.
    /// </summary>
    public IReadOnlyList<ulong>? Seeds { get; init; }
    /// <summary>Which of <see cref="Seeds"/> goes on to export, simulate and analyze; null = the first listed.</summary>
    public ulong? AnalyzeSeed { get; init; }
    /// <summary>Any subset of train-config keys (as in `train --config`), merged over the task's defaults.</summary>
    public JsonElement? Config { get; init; }
    /// <summary>Training time cap in seconds (0 = train to the criterion).</summary>
    public double MaxWallSeconds { get; init; }
    /// <summary>LibTorch threads. 1 by default: at N = 100 a second thread slows each step down here (measured). With
    /// <see cref="Seeds"/>, how many seeds train at once, each with one thread (as `train --seeds --threads`).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The seed whose model export, simulate and analyze take: <see cref="AnalyzeSeed"/>, else the first of <see cref="Seeds"/>; null without seeds.</summary>
    public ulong? ModelSeed() => Seeds is null ? null : AnalyzeSeed ?? Seeds[0];

    public TrainStageConfig Validated()
    {
        if (MaxWallSeconds < 0 || !double.IsFinite(MaxWallSeconds)) throw new ConfigException("train.max_wall_seconds", $"must be >= 0, got {MaxWallSeconds}");
        if (Threads < 1) throw new ConfigException("train.threads", $"must be >= 1, got {Threads}");
        if (Config is { ValueKind: not JsonValueKind.Object }) throw new ConfigException("train.config", "must be a JSON object of train-config keys");
        // Checked here, not when training starts, so a mistyped path fails before any stage (and in --print-config).
        if (TaskFile is { } file && !File.Exists(file))
            throw new ConfigException("train.task_file", $"'{file}' is not a file (paths are relative to the current directory)");
        return Seeds is null ? WithoutSeeds() : WithSeeds(Seeds);
    }

    private TrainStageConfig WithoutSeeds()
    {
        if (AnalyzeSeed is { } a) throw new ConfigException("train.analyze_seed", $"is {a}, but there is no train.seeds to choose from; remove it or list train.seeds");
        return this with { Seed = Seed ?? 1 };
    }

    private TrainStageConfig WithSeeds(IReadOnlyList<ulong> seeds)
    {
        if (Seed is { } s) throw new ConfigException("train.seeds", $"cannot be combined with train.seed ({s}): each seed's run sets its own; remove train.seed");
        SeedList.Checked(seeds, "train.seeds");
        if (AnalyzeSeed is { } a && !seeds.Contains(a))
            throw new ConfigException("train.analyze_seed", $"must be one of train.seeds [{string.Join(", ", seeds)}], got {a}");
        return this;
    }
}

public sealed record SimulateStageConfig
{
    public int TrialsPerCondition { get; init; } = 200;
    public float DtMs { get; init; } = 0.5f;
    public float DtSaveMs { get; init; } = 10f;
    public bool SaveRates { get; init; } = true;
    public ulong Seed { get; init; } = 1;
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
    public int Threads { get; init; } = 1;
    /// <summary>How blocks of trials run with several threads (the CLI's --strategy); null = the device's default.</summary>
    public ExecutionStrategy? Strategy { get; init; }

    public SimulateStageConfig Validated()
    {
        if (TrialsPerCondition < 1) throw new ConfigException("simulate.trials_per_condition", $"must be >= 1, got {TrialsPerCondition}");
        if (!(DtMs > 0)) throw new ConfigException("simulate.dt_ms", $"must be > 0, got {DtMs}");
        if (!(DtSaveMs >= DtMs)) throw new ConfigException("simulate.dt_save_ms", $"must be >= dt_ms, got {DtSaveMs}");
        if (Threads < 1) throw new ConfigException("simulate.threads", $"must be >= 1, got {Threads}");
        return this;
    }
}

public sealed record AnalyzeStageConfig
{
    public ulong Seed { get; init; } = 1;
    /// <summary>Bootstrap resamples per confidence interval (docs/analysis.md#psychometric-function: 1,000; 0 = point estimates only).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    public AnalyzeStageConfig Validated()
    {
        if (BootstrapResamples is < 0 or > 100_000) throw new ConfigException("analyze.bootstrap_resamples", $"must be in [0, 100000], got {BootstrapResamples}");
        return this;
    }
}
