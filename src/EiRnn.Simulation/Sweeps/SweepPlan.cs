using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// One work unit: a block of trials of one condition under one perturbation and one seed. Units are the
/// granularity of sharding (index mod shard count) and of resume (a unit is done or not).
/// </summary>
/// <param name="FirstRepetition">Index of the first trial of the block among the condition's repetitions.</param>
/// <param name="FirstTrialId">Dataset-unique id of the first trial; the block's ids are consecutive.</param>
public sealed record WorkUnit(int Index, int PerturbationIndex, int SeedIndex, long Seed, int ConditionIndex,
    int FirstRepetition, int Count, long FirstTrialId)
{
    /// <summary>
    /// Noise key of a trial: depends on the seed, condition and repetition but not on the perturbation,
    /// so every perturbation sees the same noise as its control (common random numbers).
    /// </summary>
    public long NoiseSeed(int repetition) =>
        (long)(RandomStream.MixSeed((ulong)Seed, $"sweep/trial/{ConditionIndex}/{FirstRepetition + repetition}") >> 1);
}

/// <summary>A validated sweep expanded into its deterministic list of work units.</summary>
public sealed class SweepPlan
{
    private SweepPlan(SweepSpec spec, IReadOnlyList<ResolvedPerturbation> perturbations, IReadOnlyList<ITrialCondition> conditions,
        IReadOnlyList<WorkUnit> units) => (Spec, Perturbations, Conditions, Units) = (spec, perturbations, conditions, units);

    public SweepSpec Spec { get; }
    public IReadOnlyList<ResolvedPerturbation> Perturbations { get; }
    public IReadOnlyList<ITrialCondition> Conditions { get; }
    public IReadOnlyList<WorkUnit> Units { get; }
    public long TotalTrials => Units.Sum(u => (long)u.Count);

    /// <summary>Validates the spec against the network and task (naming the field on error) and expands it.</summary>
    public static SweepPlan Create(SweepSpec spec, NetworkSpec network, ICognitiveTask task)
    {
        Need(spec.TrialsPerCondition is >= 1 and <= 100_000_000, "trials_per_condition", $"must be in [1, 100000000], got {spec.TrialsPerCondition}");
        Need(spec.TrialsPerUnit is >= 1 and <= 1_000_000, "trials_per_unit", $"must be in [1, 1000000], got {spec.TrialsPerUnit}");
        Need(spec.Seeds.Count >= 1 && spec.Seeds.Distinct().Count() == spec.Seeds.Count && spec.Seeds.All(s => s >= 0), "seeds", "must be a non-empty list of distinct non-negative integers");
        Need(spec.DtMs is > 0 and <= 1000 && double.IsFinite(spec.DtMs), "dt_ms", $"must be in (0, 1000], got {spec.DtMs}");
        Need(spec.DtSaveMs >= spec.DtMs && double.IsFinite(spec.DtSaveMs) && IsMultiple(spec.DtSaveMs, spec.DtMs), "dt_save_ms", $"must be a multiple of dt_ms = {spec.DtMs}, got {spec.DtSaveMs}");
        Need(spec.Save.Count >= 1 && spec.Save.All(s => s is "z" or "r") && spec.Save.Distinct().Count() == spec.Save.Count, "save", "must list z and/or r");
        Need(spec.IncludeControl || spec.Perturbations.Count > 0, "perturbations", "is empty and include_control is false: nothing to simulate");

        var all = task.TestConditions;
        var conditions = spec.Conditions is null ? all : spec.Conditions.Select((c, i) =>
            c >= 0 && c < all.Count ? all[c] : throw new ConfigException($"conditions[{i}]", $"must be in [0, {all.Count - 1}] (the task has {all.Count} test conditions), got {c}")).ToArray();

        // Longest test trial, for validating ms windows.
        var probe = task.Forced(all, spec.Timing, (float)spec.DtMs, RandomStream.Derive(0, "sweep/validation-probe"));
        double trialMs = probe.Steps * spec.DtMs;
        var resolver = new PerturbationResolver(network, task.Description.PeriodNames, trialMs);
        var perturbations = new List<ResolvedPerturbation>();
        if (spec.IncludeControl) perturbations.Add(ResolvedPerturbation.Control);
        for (int i = 0; i < spec.Perturbations.Count; i++) perturbations.AddRange(resolver.Expand(spec.Perturbations[i], $"perturbations[{i}]"));
        var dup = perturbations.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ConfigException("perturbations", $"id '{dup.Key}' occurs more than once after expansion");

        var units = new List<WorkUnit>();
        int k = spec.TrialsPerCondition, c = conditions.Count, s = spec.Seeds.Count;
        for (int p = 0; p < perturbations.Count; p++)
            for (int si = 0; si < s; si++)
                for (int ci = 0; ci < c; ci++)
                    for (int first = 0; first < k; first += spec.TrialsPerUnit)
                    {
                        long id = (((long)p * s + si) * c + ci) * k + first;
                        units.Add(new WorkUnit(units.Count, p, si, spec.Seeds[si], ci, first, Math.Min(spec.TrialsPerUnit, k - first), id));
                    }
        return new SweepPlan(spec, perturbations, conditions, units);
    }

    /// <summary>The units this shard runs: index ≡ shard (mod count) (docs/sweeps.md#work-units-seeds-and-shards).</summary>
    public IEnumerable<WorkUnit> UnitsOf(ShardSelection shard) => Units.Where(u => u.Index % shard.Count == shard.Index);

    private static bool IsMultiple(double a, double b) => Math.Abs(a / b - Math.Round(a / b)) < 1e-6;

    private static void Need(bool ok, string field, string problem)
    {
        if (!ok) throw new ConfigException(field, problem);
    }
}
