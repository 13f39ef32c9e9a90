using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>romo condition: the two vibration frequencies in Hz; f1 &gt; f2 → output 0. DelayMs null in a
/// template = drawn (training) or 3000 ms (test).</summary>
public sealed record RomoCondition(double F1Hz, double F2Hz, double? DelayMs = null, bool IsCatch = false) : IChoiceCondition
{
    public int? CorrectChoice => IsCatch || F1Hz == F2Hz ? null : (F1Hz > F2Hz ? 0 : 1);

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("f1_hz", ConditionColumnKind.Double, "first frequency (Hz)"),
        new("f2_hz", ConditionColumnKind.Double, "second frequency (Hz)"),
        new("delay_ms", ConditionColumnKind.Double, "delay between f1 and f2 (ms)"),
        new("catch", ConditionColumnKind.Bool, "catch trial (no stimulus)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("f1_hz", IsCatch ? null : F1Hz);
        w.Double("f2_hz", IsCatch ? null : F2Hz);
        w.Double("delay_ms", IsCatch ? null : DelayMs);
        w.Bool("catch", IsCatch);
    }
}

/// <summary>The frequency pairs and the 0.4–1.2 encodings shared by romo and delayed-discrimination.</summary>
public static class FrequencyPairs
{
    /// <summary>The 10 (f1, f2) pairs: the five with f1 &gt; f2, then the same swapped (column-major).</summary>
    public static IReadOnlyList<(double F1, double F2)> All { get; } =
    [
        (18, 10), (22, 14), (26, 18), (30, 22), (34, 26),
        (10, 18), (14, 22), (18, 26), (22, 30), (26, 34),
    ];

    /// <summary>Positively tuned channel: 0.4 + 0.8·(f − 10)/24.</summary>
    public static float Positive(double f) => (float)(0.4 + 0.8 * (f - 10) / 24);

    /// <summary>Negatively tuned channel: 0.4 + 0.8·(34 − f)/24.</summary>
    public static float Negative(double f) => (float)(0.4 + 0.8 * (34 - f) / 24);
}

/// <summary>
/// romo (docs/tasks.md#romo): parametric working memory. Fixation 100 ms (test 500 ms), f1 500 ms, delay
/// U[2500, 3500) ms floored to dt (test 3000 ms), f2 500 ms, decision 300 ms; catch 2500 ms. Performance is
/// the minimum over the 10 conditions of the fraction correct; criterion: last validation ≥ 0.85.
/// </summary>
public sealed class RomoTask : CognitiveTask<RomoCondition>
{
    public const string TaskName = "romo";
    public const double MinDelayMs = 2500, MaxDelayMs = 3500, TestDelayMs = 3000;
    private const double CatchMs = 2500, StimulusMs = 500, DecisionMs = 300;

    public override TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Parametric working memory: is f1 > f2 after a 2.5-3.5 s delay? (Song et al. 2016 Fig 7)",
        InputNames = ["positive-tuned", "negative-tuned"],
        OutputNames = ["f1-greater", "f2-greater"],
        PeriodNames = ["fixation", "f1", "delay", "f2", "decision"],
        Capabilities = BuiltInCapabilities.Romo,
        Criterion = new StoppingCriterion(TaskMetric.MinConditionPercentCorrect, 0.85, 1, Strict: false),
        CatchProbability = 1.0 / 11,
        Defaults = new TaskNetworkDefaults
        {
            Preset = Preset.Pycog, N = 500, DtTrainMs = 20f, BatchSize = 20, ValidationTrials = 1000,
            Structure = ConnectivityStructure.RomoSparse,
        },
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => RomoCondition.Columns;
    public static IReadOnlyList<RomoCondition> AllConditions { get; } = FrequencyPairs.All.Select(p => new RomoCondition(p.F1, p.F2)).ToArray();
    public override IReadOnlyList<RomoCondition> TestSet => AllConditions;
    public override IReadOnlyList<RomoCondition> ValidationConditions => AllConditions;
    protected override RomoCondition CatchCondition { get; } = new(0, 0, IsCatch: true);
    protected override RomoCondition DrawCondition(RandomStream rng) => AllConditions[rng.NextInt(AllConditions.Count)];

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    /// <summary>Minimum over (f1, f2) conditions of the fraction correct (catch trials excluded).</summary>
    public override double Performance(TrialBatch batch, ReadOnlySpan<float> z) =>
        Scoring.MinFractionCorrectOverConditions(batch, Score(batch, z), c => { var r = (RomoCondition)c; return (r.F1Hz, r.F2Hz); });

    protected override TrialPlan Plan(RomoCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        if (cond.DelayMs is double given && !(given >= 0 && double.IsFinite(given)))
            throw new TaskException($"{TaskName}: delay_ms must be >= 0, got {given}");
        bool test = timing == TaskTiming.Test;
        double delayMs = cond.DelayMs ?? (test ? TestDelayMs : TrialAssembler.FloorToDt(rng.Uniform(MinDelayMs, MaxDelayMs), dtMs));
        cond = cond with { DelayMs = delayMs };
        var periods = PycogTargets.Epochs(("fixation", test ? 500 : 100), ("f1", StimulusMs), ("delay", delayMs), ("f2", StimulusMs), ("decision", DecisionMs));
        float p1 = FrequencyPairs.Positive(cond.F1Hz), n1 = FrequencyPairs.Negative(cond.F1Hz);
        float p2 = FrequencyPairs.Positive(cond.F2Hz), n2 = FrequencyPairs.Negative(cond.F2Hz);
        int correct = cond.CorrectChoice ?? 0;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) PycogTargets.Fixation(target, mask);
            else if (periods[1].In(t)) { input[0] = p1; input[1] = n1; }
            else if (periods[3].In(t)) { input[0] = p2; input[1] = n2; }
            else if (periods[4].In(t)) PycogTargets.Decision(target, mask, correct);
        });
    }
}
