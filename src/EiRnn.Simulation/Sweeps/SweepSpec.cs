using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// A perturbation sweep (docs/sweeps.md#perturbations, docs/sweeps.md#work-units-seeds-and-shards): perturbations × task conditions ×
/// trials per condition × seeds, plus a control. JSON with snake_case keys; schema in
/// schemas/sweep-spec.schema.json.
/// </summary>
public sealed record SweepSpec
{
    /// <summary>Task whose test conditions are simulated; defaults to the model's eirnn.task.</summary>
    public string? Task { get; init; }
    public int TrialsPerCondition { get; init; } = 100;
    /// <summary>Indices into the task's test condition list; null = all of them.</summary>
    public IReadOnlyList<int>? Conditions { get; init; }
    /// <summary>One repetition of the whole design per seed; each seed gives independent noise.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1];
    public TaskTiming Timing { get; init; } = TaskTiming.Test;
    public double DtMs { get; init; } = 0.5;
    public double DtSaveMs { get; init; } = 10;
    /// <summary>Saved time series: "z" and optionally "r".</summary>
    public IReadOnlyList<string> Save { get; init; } = ["z"];
    public bool IncludeControl { get; init; } = true;
    /// <summary>Largest number of trials in one work unit (a unit never mixes conditions).</summary>
    public int TrialsPerUnit { get; init; } = 1000;
    public IReadOnlyList<PerturbationSpec> Perturbations { get; init; } = [];
}

/// <summary>One named perturbation; its effects compose (all act together).</summary>
public sealed record PerturbationSpec
{
    public required string Id { get; init; }
    public IReadOnlyList<LesionSpec> Lesions { get; init; } = [];
    public IReadOnlyList<StimulationSpec> Stimulations { get; init; } = [];
    public IReadOnlyList<WeightScaleSpec> WeightScales { get; init; } = [];
    public NoiseScaleSpec? NoiseScale { get; init; }
    public IReadOnlyList<InputGainSpec> InputGains { get; init; } = [];
}

/// <summary>Which units a lesion or stimulation targets. Exactly one of Type/Area/Units selects the base set.</summary>
public sealed record PopulationSpec
{
    /// <summary>"E", "I" or "all".</summary>
    public string? Type { get; init; }
    /// <summary>An area name of the network spec (e.g. "sensory").</summary>
    public string? Area { get; init; }
    public IReadOnlyList<int>? Units { get; init; }
    /// <summary>Keep a seeded random fraction of the base set (0..1]; default all.</summary>
    public Sweepable? Fraction { get; init; }
    /// <summary>Seed of the fraction draw (recorded).</summary>
    public long FractionSeed { get; init; } = 1;
}

/// <summary>When an effect acts: a task period (per trial) or a ms range from trial start; null = whole trial.</summary>
public sealed record WindowSpec
{
    public string? Period { get; init; }
    public double? StartMs { get; init; }
    public double? EndMs { get; init; }
}

/// <summary>Lesion: r_j ≡ 0 for the population during the window, or listed connections / blocks removed.</summary>
public sealed record LesionSpec
{
    public PopulationSpec? Population { get; init; }
    /// <summary>Recurrent connections [post, pre] set to 0.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Connections { get; init; }
    /// <summary>A whole connection block removed: "E->E", "E->I", "I->E", "I->I".</summary>
    public string? Block { get; init; }
    public WindowSpec? Window { get; init; }
}

/// <summary>Stimulation (positive) or silencing (negative) current added to the recurrent input.</summary>
public sealed record StimulationSpec
{
    public required PopulationSpec Population { get; init; }
    public required Sweepable Current { get; init; }
    public WindowSpec? Window { get; init; }
}

/// <summary>Multiply a weight block by a factor ≥ 0: "E->E", "E->I", "I->E", "I->I", "input", "output".</summary>
public sealed record WeightScaleSpec
{
    public required string Block { get; init; }
    public required Sweepable Factor { get; init; }
}

public sealed record NoiseScaleSpec
{
    public Sweepable? Recurrent { get; init; }
    public Sweepable? Input { get; init; }
}

/// <summary>Multiply input channel (index or name) by a gain.</summary>
public sealed record InputGainSpec
{
    public required string Channel { get; init; }
    public required Sweepable Gain { get; init; }
}
