using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>Epoch durations of one delayed-discrimination trial in ms, in trial order.</summary>
public readonly record struct DiscriminationEpochs(double OnsetMs, double Stimulus1Ms, double DelayMs, double Stimulus2Ms, double DecisionMs)
{
    public double TotalMs => OnsetMs + Stimulus1Ms + DelayMs + Stimulus2Ms + DecisionMs;
}

/// <summary>
/// Fixed epoch durations for delayed-discrimination (docs/tasks.md#delayed-discrimination); a null epoch is drawn
/// per trial as U(0,1)·fraction·T with fractions 1/8, 1/4, 1/4, 1/4, 1/8.
/// </summary>
public sealed record DiscriminationTiming(double? OnsetMs = null, double? Stimulus1Ms = null, double? DelayMs = null,
    double? Stimulus2Ms = null, double? DecisionMs = null)
{
    public static DiscriminationTiming Random { get; } = new();

    internal void Validate(double trialMs)
    {
        Check(OnsetMs, "onset_ms"); Check(Stimulus1Ms, "stimulus1_ms"); Check(DelayMs, "delay_ms");
        Check(Stimulus2Ms, "stimulus2_ms"); Check(DecisionMs, "decision_ms");
        double fixedTotal = (OnsetMs ?? 0) + (Stimulus1Ms ?? 0) + (DelayMs ?? 0) + (Stimulus2Ms ?? 0) + (DecisionMs ?? 0);
        if (fixedTotal > trialMs) throw new ConfigException("timing", $"fixed epochs add up to {fixedTotal} ms, more than the trial's {trialMs} ms");
    }

    private static void Check(double? ms, string field)
    {
        if (ms is double v && !(v >= 0 && double.IsFinite(v))) throw new ConfigException(field, $"must be >= 0 ms, got {v}");
    }
}

/// <summary>delayed-discrimination condition: f1, f2 (Hz), f1 &gt; f2 → output 0; epochs null in a template = drawn.</summary>
public sealed record DelayedDiscriminationCondition(double F1Hz, double F2Hz, DiscriminationEpochs? Epochs = null) : IChoiceCondition
{
    public bool IsCatch => false;
    public int? CorrectChoice => F1Hz == F2Hz ? null : (F1Hz > F2Hz ? 0 : 1);

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("f1_hz", ConditionColumnKind.Double, "first frequency (Hz)"),
        new("f2_hz", ConditionColumnKind.Double, "second frequency (Hz)"),
        new("delay_ms", ConditionColumnKind.Double, "delay between the stimuli (ms)"),
        new("catch", ConditionColumnKind.Bool, "catch trial (never, in this task)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("f1_hz", F1Hz);
        w.Double("f2_hz", F2Hz);
        w.Double("delay_ms", Epochs?.DelayMs);
        w.Bool("catch", false);
    }
}

/// <summary>
/// delayed-discrimination (PsychRNN, docs/tasks.md#delayed-discrimination): Romo's frequency pairs and 0.4–1.2 encodings (channel 0
/// positive, 1 negative). Epochs onset, stimulus 1, delay, stimulus 2, decision; inputs during [s1, delay)
/// and [s2, decision); noise as perceptual-discrimination at all times; target hi 1.0 / lo 0.2 and mask 1
/// during [decision, decision + its duration), 0 elsewhere (the "post" period fills the rest of T).
/// </summary>
public sealed class DelayedDiscriminationTask : CognitiveTask<DelayedDiscriminationCondition>
{
    public const string TaskName = "delayed-discrimination";
    private const float Hi = 1f, Lo = 0.2f;
    private readonly double _trialMs;
    private readonly DiscriminationTiming _timing;

    public DelayedDiscriminationTask(DiscriminationTiming? timing = null, double trialMs = 2000)
    {
        PsychRnnGrid.CheckTrialMs(TaskName, trialMs, 1);
        _timing = timing ?? DiscriminationTiming.Random;
        _timing.Validate(trialMs);
        _trialMs = trialMs;
        Description = new TaskDescription
        {
            Name = TaskName,
            Summary = "PsychRNN delayed discrimination: is f1 > f2 after a delay (Romo-like, noisy inputs)",
            InputNames = ["positive-tuned", "negative-tuned"],
            OutputNames = ["f1-greater", "f2-greater"],
            PeriodNames = ["fixation", "stimulus1", "delay", "stimulus2", "decision", "post"],
            Capabilities = BuiltInCapabilities.DelayedDiscrimination,
            Criterion = PsychRnnDefaults.Criterion,
            CatchProbability = 0,
            InputsNonNegative = false,
            TimeGrid = TimeGrid.PsychRnn,
            Defaults = PsychRnnDefaults.Network,
        };
    }

    public DiscriminationTiming Timing => _timing;
    public double TrialMs => _trialMs;
    public override TaskDescription Description { get; }
    public override IReadOnlyList<ConditionColumn> ConditionColumns => DelayedDiscriminationCondition.Columns;
    public static IReadOnlyList<DelayedDiscriminationCondition> AllConditions { get; } =
        FrequencyPairs.All.Select(p => new DelayedDiscriminationCondition(p.F1, p.F2)).ToArray();
    public override IReadOnlyList<DelayedDiscriminationCondition> TestSet => AllConditions;
    public override IReadOnlyList<DelayedDiscriminationCondition> ValidationConditions => AllConditions;
    protected override DelayedDiscriminationCondition? CatchCondition => null;
    protected override DelayedDiscriminationCondition DrawCondition(RandomStream rng) => AllConditions[rng.NextInt(AllConditions.Count)];

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreMaskedMeanArgmax(batch, z);

    private DiscriminationEpochs DrawEpochs(RandomStream rng)
    {
        double T = _trialMs;
        return new(_timing.OnsetMs ?? rng.NextDouble() * T / 8, _timing.Stimulus1Ms ?? rng.NextDouble() * T / 4,
            _timing.DelayMs ?? rng.NextDouble() * T / 4, _timing.Stimulus2Ms ?? rng.NextDouble() * T / 4,
            _timing.DecisionMs ?? rng.NextDouble() * T / 8);
    }

    protected override TrialPlan Plan(DelayedDiscriminationCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        var e = cond.Epochs ?? DrawEpochs(rng);
        if (e.TotalMs > _trialMs + 1e-9) throw new TaskException($"{TaskName}: epochs add up to {e.TotalMs} ms, more than the trial's {_trialMs} ms");
        cond = cond with { Epochs = e };
        int steps = PsychRnnGrid.Steps(_trialMs, dtMs);
        double s1 = e.OnsetMs, delay = s1 + e.Stimulus1Ms, s2 = delay + e.DelayMs, decision = s2 + e.Stimulus2Ms, stop = decision + e.DecisionMs;
        double end = steps * (double)dtMs;
        Period[] periods =
        [
            PsychRnnGrid.Period("fixation", 0, true, s1, false, dtMs, steps),
            PsychRnnGrid.Period("stimulus1", s1, true, delay, false, dtMs, steps),
            PsychRnnGrid.Period("delay", delay, true, s2, false, dtMs, steps),
            PsychRnnGrid.Period("stimulus2", s2, true, decision, false, dtMs, steps),
            PsychRnnGrid.Period("decision", decision, true, stop, false, dtMs, steps),
            PsychRnnGrid.Period("post", stop, true, end, false, dtMs, steps),
        ];
        float p1 = FrequencyPairs.Positive(cond.F1Hz), n1 = FrequencyPairs.Negative(cond.F1Hz);
        float p2 = FrequencyPairs.Positive(cond.F2Hz), n2 = FrequencyPairs.Negative(cond.F2Hz);
        int correct = cond.CorrectChoice ?? 0;
        double std = PerceptualDiscriminationTask.NoiseStd(dtMs);
        return new TrialPlan(cond, periods, end, (int k, double _, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            PsychRnnGrid.AddNoise(input, std, rng);
            if (periods[1].Contains(k, dtMs)) { input[0] += p1; input[1] += n1; }
            else if (periods[3].Contains(k, dtMs)) { input[0] += p2; input[1] += n2; }
            else if (periods[4].Contains(k, dtMs)) { target.Fill(Lo); target[correct] = Hi; mask.Fill(1); }
        });
    }
}
