using System.Text.Json.Serialization;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;

namespace EiRnn.Analysis.Claims;

/// <summary>
/// A claims file (data/claims/pycog.json, schemas/claims.schema.json; docs/reproduce.md#claims): the paper's qualitative claims, each
/// with the quantity that measures it and a pass threshold fixed before any run, plus the (scaled) test set of each task.
/// </summary>
public sealed record ClaimsFile
{
    public required string Source { get; init; }
    /// <summary>Level of every confidence interval (0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
    /// <summary>Bootstrap resamples of every interval.</summary>
    public int BootstrapResamples { get; init; } = 1000;
    /// <summary>Root of the simulation seed and of every bootstrap stream ("reproduce/&lt;claim id&gt;").</summary>
    public ulong Seed { get; init; } = 1;
    public required IReadOnlyList<TestSet> TestSets { get; init; }
    public required IReadOnlyList<Claim> Claims { get; init; }

    public static ClaimsFile Load(string path) => JsonConfig.Load<ClaimsFile>(path, f => f.Validated());

    public TestSet? TestSetOf(string task) => TestSets.FirstOrDefault(t => t.Task == task);

    public IReadOnlyList<Claim> ClaimsOf(string task) => Claims.Where(c => c.Task == task).ToArray();

    public ClaimsFile Validated()
    {
        if (string.IsNullOrWhiteSpace(Source)) throw new ConfigException("source", "must name where the claims come from");
        if (ConfidenceLevel is <= 0 or >= 1) throw new ConfigException("confidence_level", $"must be in (0, 1), got {ConfidenceLevel}");
        if (BootstrapResamples is < 10 or > 100_000) throw new ConfigException("bootstrap_resamples", $"must be in [10, 100000], got {BootstrapResamples}");
        for (int i = 0; i < TestSets.Count; i++) TestSets[i].Validated($"test_sets[{i}]");
        var dupTask = TestSets.GroupBy(t => t.Task).FirstOrDefault(g => g.Count() > 1);
        if (dupTask is not null) throw new ConfigException("test_sets", $"task '{dupTask.Key}' has more than one test set");
        for (int i = 0; i < Claims.Count; i++) Claims[i].Validated($"claims[{i}]");
        var dupId = Claims.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (dupId is not null) throw new ConfigException("claims", $"id '{dupId.Key}' appears more than once");
        return this;
    }
}

/// <summary>The test set `reproduce` simulates for a task: the paper's trials per condition and the scaled-down count used here.</summary>
public sealed record TestSet
{
    public required string Task { get; init; }
    public required int PaperTrialsPerCondition { get; init; }
    public required int TrialsPerCondition { get; init; }
    public required double DtSaveMs { get; init; }
    /// <summary>Save the rates r (needed by the population claims).</summary>
    public bool SaveRates { get; init; }
    /// <summary>Also run one noise-free trial per condition (σ_in = σ_rec = 0) into a second dataset, for the trajectory PCA.</summary>
    public bool NoiseFreeRun { get; init; }

    public TestSet Validated(string path)
    {
        if (string.IsNullOrWhiteSpace(Task)) throw new ConfigException($"{path}.task", "must name a task");
        if (PaperTrialsPerCondition < 1) throw new ConfigException($"{path}.paper_trials_per_condition", $"must be >= 1, got {PaperTrialsPerCondition}");
        if (TrialsPerCondition is < 1 or > 1_000_000) throw new ConfigException($"{path}.trials_per_condition", $"must be in [1, 1000000], got {TrialsPerCondition}");
        if (!(DtSaveMs >= 0.5) || !double.IsFinite(DtSaveMs)) throw new ConfigException($"{path}.dt_save_ms", $"must be >= 0.5 ms, got {DtSaveMs}");
        return this;
    }
}

/// <summary>One qualitative claim: the paper's statement, the measured quantity, the pass threshold and why that threshold.</summary>
public sealed record Claim
{
    public required string Id { get; init; }
    public required string Task { get; init; }
    public required string Statement { get; init; }
    public required ClaimMeasure Measure { get; init; }
    public required ClaimThreshold Threshold { get; init; }
    public required string Reason { get; init; }

    public Claim Validated(string path)
    {
        if (string.IsNullOrWhiteSpace(Id)) throw new ConfigException($"{path}.id", "must not be empty");
        if (string.IsNullOrWhiteSpace(Task)) throw new ConfigException($"{path}.task", "must name a task");
        if (string.IsNullOrWhiteSpace(Statement)) throw new ConfigException($"{path}.statement", "must state the paper's claim");
        if (string.IsNullOrWhiteSpace(Reason)) throw new ConfigException($"{path}.reason", "must give the threshold's reason");
        Measure.Validated($"{path}.measure");
        Threshold.Validated($"{path}.threshold");
        return this;
    }
}

/// <summary>The measured quantity (docs/reproduce.md#measures) and its parameters; which parameters a kind needs is checked here.</summary>
public sealed record ClaimMeasure
{
    [JsonConverter(typeof(SnakeCaseEnumConverter<MeasureKind>))]
    public required MeasureKind Kind { get; init; }
    /// <summary>duration_accuracy_gain: the |evidence| band whose trials are pooled (inclusive).</summary>
    public double? MinAbsEvidence { get; init; }
    public double? MaxAbsEvidence { get; init; }
    /// <summary>irrelevant_to_relevant_slope_ratio: the context level (one of the task's declared levels).</summary>
    public string? ContextLevel { get; init; }
    /// <summary>selective_unit_fraction: choice, cue or both; tuned_fraction: first, second or opposite_sign.</summary>
    public string? Factor { get; init; }
    /// <summary>selective_unit_fraction: |d′| cut-off.</summary>
    public double? MinAbsDprime { get; init; }
    /// <summary>tuned_fraction: the samples averaged, memory (mid-delay to delay end) or second (the second stimulus).</summary>
    public string? Window { get; init; }

    private static readonly string[] SelectivityFactors = ["choice", "cue", "both"];
    private static readonly string[] TuningFactors = ["first", "second", "opposite_sign"];
    private static readonly string[] TuningWindows = ["memory", "second"];

    public ClaimMeasure Validated(string path)
    {
        switch (Kind)
        {
            case MeasureKind.DurationAccuracyGain:
                if (MinAbsEvidence is not double lo || MaxAbsEvidence is not double hi || lo < 0 || hi < lo)
                    throw new ConfigException($"{path}.min_abs_evidence", "duration_accuracy_gain needs 0 <= min_abs_evidence <= max_abs_evidence");
                break;
            case MeasureKind.IrrelevantToRelevantSlopeRatio:
                if (string.IsNullOrWhiteSpace(ContextLevel)) throw new ConfigException($"{path}.context_level", "irrelevant_to_relevant_slope_ratio needs a context level");
                break;
            case MeasureKind.SelectiveUnitFraction:
                Require(path, "factor", Factor, SelectivityFactors);
                if (MinAbsDprime is not (> 0 and < 100)) throw new ConfigException($"{path}.min_abs_dprime", $"must be in (0, 100), got {MinAbsDprime}");
                break;
            case MeasureKind.TunedFraction:
                Require(path, "factor", Factor, TuningFactors);
                Require(path, "window", Window, TuningWindows);
                break;
        }
        return this;
    }

    private static void Require(string path, string key, string? value, string[] allowed)
    {
        if (value is null || !allowed.Contains(value))
            throw new ConfigException($"{path}.{key}", $"must be one of {string.Join(", ", allowed)}, got '{value}'");
    }
}

/// <summary>
/// The pass rule: <see cref="Op"/> against <see cref="Value"/> (at_least, at_most) or [<see cref="Lower"/>, <see cref="Upper"/>]
/// (within, overlaps), applied to the point estimate or to the whole confidence interval (<see cref="On"/>).
/// </summary>
public sealed record ClaimThreshold
{
    [JsonConverter(typeof(SnakeCaseEnumConverter<ThresholdOp>))]
    public required ThresholdOp Op { get; init; }
    public double? Value { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    [JsonConverter(typeof(SnakeCaseEnumConverter<ThresholdBasis>))]
    public ThresholdBasis On { get; init; } = ThresholdBasis.Estimate;

    public ClaimThreshold Validated(string path)
    {
        bool bound = Op is ThresholdOp.AtLeast or ThresholdOp.AtMost;
        if (bound && Value is not double v) throw new ConfigException($"{path}.value", $"{Op} needs a finite value");
        if (bound && (Lower is not null || Upper is not null)) throw new ConfigException($"{path}.lower", $"{Op} takes value only, not lower/upper");
        if (!bound && (Lower is not double lo || Upper is not double hi || !(lo <= hi)))
            throw new ConfigException($"{path}.lower", $"{Op} needs finite lower <= upper");
        if (!bound && Value is not null) throw new ConfigException($"{path}.value", $"{Op} takes lower and upper, not value");
        if (Op == ThresholdOp.Overlaps && On != ThresholdBasis.Interval) throw new ConfigException($"{path}.on", "overlaps is a rule on the interval: on must be interval");
        return this;
    }

    /// <summary>The rule in words, e.g. "≥ 0.9 (whole CI)".</summary>
    public string Describe()
    {
        string rule = Op switch
        {
            ThresholdOp.AtLeast => $"≥ {Value:G4}",
            ThresholdOp.AtMost => $"≤ {Value:G4}",
            ThresholdOp.Within => $"in [{Lower:G4}, {Upper:G4}]",
            _ => $"CI meets [{Lower:G4}, {Upper:G4}]",
        };
        return Op == ThresholdOp.Overlaps ? rule : On == ThresholdBasis.Interval ? $"{rule} (whole CI)" : $"{rule} (estimate)";
    }
}
