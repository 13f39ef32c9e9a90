using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// The shared skeleton of the built-in tasks: training draws (catch with p_catch, else a uniform draw of
/// every factor), the validation cycle of docs/training.md#validation-stopping-and-model-selection, and forced conditions. A task supplies its typed
/// condition set and a <see cref="Plan"/> that resolves one trial (random durations from the stream
/// passed in) and writes its samples.
/// </summary>
public abstract class CognitiveTask<TCondition> : ICognitiveTask where TCondition : class, ITrialCondition
{
    public abstract TaskDescription Description { get; }
    public abstract IReadOnlyList<ConditionColumn> ConditionColumns { get; }

    /// <summary>The test set (docs/tasks.md), in the order <see cref="ForcedConditions.EachCondition"/> cycles.</summary>
    public abstract IReadOnlyList<TCondition> TestSet { get; }

    /// <summary>The conditions the validation set cycles through, column-major over the condition factors
    /// (the first factor varies fastest).</summary>
    public abstract IReadOnlyList<TCondition> ValidationConditions { get; }

    /// <summary>The catch-trial condition, or null when the task has none.</summary>
    protected abstract TCondition? CatchCondition { get; }

    /// <summary>A non-catch training condition, every factor drawn independently and uniformly.</summary>
    protected abstract TCondition DrawCondition(RandomStream rng);

    /// <summary>Resolves one trial: draws what the condition leaves open (durations, labels) from
    /// <paramref name="rng"/> and returns its plan, whose Condition is the resolved condition.</summary>
    protected abstract TrialPlan Plan(TCondition condition, TaskTiming timing, float dtMs, RandomStream rng);

    public IReadOnlyList<ITrialCondition> TestConditions => TestSet;
    protected int InputCount => Description.InputNames.Count;
    protected int OutputCount => Description.OutputNames.Count;

    public virtual TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng)
    {
        CheckCount(batchSize, "batch_size");
        var plans = new TrialPlan[batchSize];
        var catchCondition = CatchCondition;
        for (int i = 0; i < batchSize; i++)
        {
            var cond = catchCondition is not null && rng.Bernoulli(Description.CatchProbability) ? catchCondition : DrawCondition(rng);
            plans[i] = Plan(cond, TaskTiming.Train, dtMs, rng);
        }
        return TrialAssembler.Assemble(plans, InputCount, OutputCount, dtMs);
    }

    /// <summary>docs/training.md#validation-stopping-and-model-selection: trial b is a catch trial when b mod (n+1) = 0, else validation condition
    /// (b mod (n+1)) − 1; tasks without catch trials cycle b mod n. Training timings.</summary>
    public virtual TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng)
    {
        CheckCount(count, "n_validation");
        var conds = ValidationConditions;
        var catchCondition = CatchCondition;
        var plans = new TrialPlan[count];
        for (int b = 0; b < count; b++)
        {
            TCondition cond;
            if (catchCondition is null) cond = conds[b % conds.Count];
            else cond = b % (conds.Count + 1) == 0 ? catchCondition : conds[b % (conds.Count + 1) - 1];
            plans[b] = Plan(cond, TaskTiming.Train, dtMs, rng);
        }
        return TrialAssembler.Assemble(plans, InputCount, OutputCount, dtMs);
    }

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (conditions.Count == 0) throw new TaskException($"{Description.Name}: no conditions to force");
        var plans = new TrialPlan[conditions.Count];
        for (int i = 0; i < plans.Length; i++)
        {
            if (conditions[i] is not TCondition c)
                throw new TaskException($"{Description.Name}: condition {i} is a {conditions[i].GetType().Name}, expected {typeof(TCondition).Name}");
            plans[i] = Plan(c, timing, dtMs, rng);
        }
        return TrialAssembler.Assemble(plans, InputCount, OutputCount, dtMs);
    }

    public abstract TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z);

    public virtual double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.FractionCorrect(Score(batch, z));

    private void CheckCount(int n, string field)
    {
        if (n < 1) throw new ConfigException(field, $"must be >= 1 trial for task {Description.Name}, got {n}");
    }
}
