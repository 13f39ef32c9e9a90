using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>Condition of the random-dot motion tasks: coherence code c (plotted 3.2·c %) and direction ±1.</summary>
/// <param name="CoherenceCode">The code's integer c ∈ {0, 1, 2, 4, 8, 16}; 0 = zero coherence (test only).</param>
/// <param name="Direction">+1: evidence for choice 1 (output 0); −1: for choice 2 (output 1).</param>
public sealed record RdmCondition(int CoherenceCode, int Direction, bool IsCatch = false) : ITrialCondition
{
    public const double Scale = 3.2;

    /// <summary>Signed coherence in percent (direction · 3.2 · c).</summary>
    public double SignedCoherence => Direction * Scale * CoherenceCode;

    /// <summary>Correct output index, or null for catch and zero-coherence trials.</summary>
    public int? CorrectChoice => IsCatch || CoherenceCode == 0 ? null : (Direction > 0 ? 0 : 1);

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("coherence", ConditionColumnKind.Double, "signed coherence in percent (direction x 3.2 x code)"),
        new("coherence_code", ConditionColumnKind.Int32, "the task's integer coherence c"),
        new("direction", ConditionColumnKind.Int32, "+1 evidence for choice 1, -1 for choice 2"),
        new("catch", ConditionColumnKind.Bool, "catch trial (no stimulus)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("coherence", IsCatch ? null : SignedCoherence);
        w.Int32("coherence_code", IsCatch ? null : CoherenceCode);
        w.Int32("direction", IsCatch ? null : Direction);
        w.Bool("catch", IsCatch);
    }
}

/// <summary>
/// rdm-fixed (SPEC.md §4.1): two evidence inputs during an 800 ms stimulus, choose the larger after it.
/// Fixation 100 ms (test 300 ms), stimulus 800 ms, decision 300 ms; catch trials 2000 ms.
/// </summary>
public sealed class RdmFixedTask : ICognitiveTask
{
    public const string TaskName = "rdm-fixed";
    private static readonly int[] Codes = [1, 2, 4, 8, 16];
    private static readonly int[] Directions = [1, -1];
    internal const float Hi = 1f, Lo = 0.2f;
    private const double CatchMs = 2000, StimulusMs = 800, DecisionMs = 300;

    public TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Random-dot motion, fixed 800 ms stimulus: report the stronger of two evidence inputs (Song et al. 2016 Fig 3)",
        InputNames = ["evidence-choice1", "evidence-choice2"],
        OutputNames = ["choice1", "choice2"],
        PeriodNames = ["fixation", "stimulus", "decision"],
        Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.85, 5, Strict: true),
        CatchProbability = 1.0 / 11,
        Defaults = new TaskNetworkDefaults
        {
            Preset = Preset.Pycog, N = 100, DtTrainMs = 20f, BatchSize = 20, ValidationTrials = 1100,
        },
    };

    public IReadOnlyList<ConditionColumn> ConditionColumns => RdmCondition.Columns;

    /// <summary>The 10 training conditions in column-major order (code varies fastest).</summary>
    public static IReadOnlyList<RdmCondition> TrainingConditions { get; } =
        Directions.SelectMany(d => Codes.Select(c => new RdmCondition(c, d))).ToArray();

    /// <summary>Test set: the 10 conditions plus coherence 0 (direction drawn per trial at generation).</summary>
    public IReadOnlyList<ITrialCondition> TestConditions { get; } =
        [.. TrainingConditions, new RdmCondition(0, 1)];

    public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng)
    {
        var plans = new TrialAssembler.ITrialPlan[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            var cond = rng.Bernoulli(Description.CatchProbability)
                ? new RdmCondition(0, 0, IsCatch: true)
                : new RdmCondition(Codes[rng.NextInt(Codes.Length)], Directions[rng.NextInt(2)]);
            plans[i] = Plan(cond, TaskTiming.Train);
        }
        return TrialAssembler.Assemble(plans, 2, 2, dtMs);
    }

    public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng)
    {
        int n = TrainingConditions.Count;
        var plans = new TrialAssembler.ITrialPlan[count];
        for (int b = 0; b < count; b++)
            plans[b] = Plan(b % (n + 1) == 0 ? new RdmCondition(0, 0, IsCatch: true) : TrainingConditions[b % (n + 1) - 1], TaskTiming.Train);
        return TrialAssembler.Assemble(plans, 2, 2, dtMs);
    }

    public TrialBatch Forced(IReadOnlyList<ITrialCondition> conditions, TaskTiming timing, float dtMs, RandomStream rng)
    {
        var plans = new TrialAssembler.ITrialPlan[conditions.Count];
        for (int i = 0; i < plans.Length; i++)
        {
            if (conditions[i] is not RdmCondition c)
                throw new Core.Errors.TaskException($"{TaskName}: condition {i} is a {conditions[i].GetType().Name}, expected RdmCondition");
            // Zero coherence carries no evidence, but the trial still gets a direction label, drawn at random.
            if (!c.IsCatch && c.CoherenceCode == 0) c = c with { Direction = Directions[rng.NextInt(2)] };
            plans[i] = Plan(c, timing);
        }
        return TrialAssembler.Assemble(plans, 2, 2, dtMs);
    }

    public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var cond = (RdmCondition)batch.Conditions[b];
            if (cond.IsCatch) { outcomes[b] = new(null, null, null); continue; }
            int last = batch.OutputIndex(b, batch.TrialSteps[b] - 1, 0);
            int choice = z[last] >= z[last + 1] ? 0 : 1;
            outcomes[b] = new(choice, cond.CorrectChoice is int right ? choice == right : null, null);
        }
        return outcomes;
    }

    public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.FractionCorrect(Score(batch, z));

    private static RdmPlan Plan(RdmCondition cond, TaskTiming timing) =>
        cond.IsCatch ? new RdmPlan(cond, [new Period("catch", 0, CatchMs)], CatchMs)
                     : new RdmPlan(cond, Epochs(timing == TaskTiming.Test ? 300 : 100), (timing == TaskTiming.Test ? 300 : 100) + StimulusMs + DecisionMs);

    private static Period[] Epochs(double fixationMs) =>
    [
        new("fixation", 0, fixationMs),
        new("stimulus", fixationMs, fixationMs + StimulusMs),
        new("decision", fixationMs + StimulusMs, fixationMs + StimulusMs + DecisionMs),
    ];

    private sealed class RdmPlan(RdmCondition cond, Period[] periods, double durationMs) : TrialAssembler.ITrialPlan
    {
        public ITrialCondition Condition => cond;
        public IReadOnlyList<Period> Periods => periods;
        public double DurationMs => durationMs;

        public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask)
        {
            if (cond.IsCatch) { target.Fill(Lo); mask.Fill(1); return; }
            double stimStart = periods[1].StartMs, stimEnd = periods[1].EndMs;
            if (timeMs > stimStart && timeMs <= stimEnd)
            {
                float strong = (float)((1 + 0.032 * cond.CoherenceCode) / 2), weak = (float)((1 - 0.032 * cond.CoherenceCode) / 2);
                input[0] = cond.Direction > 0 ? strong : weak;
                input[1] = cond.Direction > 0 ? weak : strong;
            }
            if (timeMs <= stimStart) { target.Fill(Lo); mask.Fill(1); }
            else if (timeMs > stimEnd)
            {
                int right = cond.Direction > 0 ? 0 : 1;
                target.Fill(Lo); target[right] = Hi; mask.Fill(1);
            }
        }
    }
}
