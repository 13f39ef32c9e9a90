using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>Which sensory channels carry the rate.</summary>
public enum Modality { Visual, Auditory, VisualAuditory }

/// <summary>multisensory condition: modality and event rate f (events/s); f &gt; 12.5 → "high" (output 0).</summary>
public sealed record MultisensoryCondition(Modality Modality, double Rate, bool IsCatch = false) : IChoiceCondition
{
    public const double Boundary = 12.5;

    public int? CorrectChoice => IsCatch ? null : (Rate > Boundary ? 0 : 1);

    public string ModalityCode => Modality switch { Modality.Visual => "v", Modality.Auditory => "a", _ => "va" };

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("modality", ConditionColumnKind.String, "v (visual), a (auditory) or va (both, same rate)"),
        new("rate", ConditionColumnKind.Double, "event rate in events/s (9..16); > 12.5 is 'high'"),
        new("catch", ConditionColumnKind.Bool, "catch trial (no stimulus)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.String("modality", IsCatch ? null : ModalityCode);
        w.Double("rate", IsCatch ? null : Rate);
        w.Bool("catch", IsCatch);
    }
}

/// <summary>
/// multisensory (docs/tasks.md#multisensory): visual and auditory rate channels, each positively (0.4 + 0.8·(f−9)/7) and
/// negatively (0.4 + 0.8·(16−f)/7) tuned, plus a start cue on during stimulus and decision. Absent
/// modalities stay 0. Fixation 100 ms (test 500 ms), stimulus 1000 ms, decision 300 ms; catch 2500 ms.
/// </summary>
public sealed class MultisensoryTask : CognitiveTask<MultisensoryCondition>
{
    public const string TaskName = "multisensory";
    private static readonly Modality[] Modalities = [Modality.Visual, Modality.Auditory, Modality.VisualAuditory];
    private static readonly int[] Rates = [9, 10, 11, 12, 13, 14, 15, 16];
    private const double CatchMs = 2500, StimulusMs = 1000, DecisionMs = 300;

    /// <param name="connectStartCue">docs/tasks.md#multisensory option: connect the start-cue channel to all units (in [Pc] the
    /// cue reaches no unit); sets the network default connect_start_cue.</param>
    public MultisensoryTask(bool connectStartCue = false)
    {
        ConnectStartCue = connectStartCue;
        Description = new()
        {
            Name = TaskName,
            Summary = "Raposo-like multisensory rate discrimination: high (> 12.5 events/s) or low (Song et al. 2016 Fig 6)" +
                      (connectStartCue ? "; start cue connected to all units" : ""),
            InputNames = ["visual-positive", "auditory-positive", "visual-negative", "auditory-negative", "start-cue"],
            OutputNames = ["high", "low"],
            PeriodNames = ["fixation", "stimulus", "decision"],
            Capabilities = BuiltInCapabilities.Multisensory,
            Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.90, 5, Strict: true),
            CatchProbability = 5.0 / 25,
            Defaults = new TaskNetworkDefaults
            {
                Preset = Preset.Pycog, N = 150, DtTrainMs = 20f, BatchSize = 20, ValidationTrials = 2500,
                Structure = ConnectivityStructure.MultisensoryGroups, ConnectStartCue = connectStartCue,
            },
        };
    }

    public bool ConnectStartCue { get; }
    public override TaskDescription Description { get; }

    public override IReadOnlyList<ConditionColumn> ConditionColumns => MultisensoryCondition.Columns;

    /// <summary>The 24 conditions, column-major: modality fastest, then rate.</summary>
    public static IReadOnlyList<MultisensoryCondition> AllConditions { get; } =
        Rates.SelectMany(f => Modalities.Select(m => new MultisensoryCondition(m, f))).ToArray();

    public override IReadOnlyList<MultisensoryCondition> TestSet => AllConditions;
    public override IReadOnlyList<MultisensoryCondition> ValidationConditions => AllConditions;
    protected override MultisensoryCondition CatchCondition { get; } = new(Modality.Visual, 0, IsCatch: true);
    protected override MultisensoryCondition DrawCondition(RandomStream rng) => new(Modalities[rng.NextInt(3)], Rates[rng.NextInt(Rates.Length)]);

    public static float PositiveEncoding(double rate) => (float)(0.4 + 0.8 * (rate - 9) / 7);
    public static float NegativeEncoding(double rate) => (float)(0.4 + 0.8 * (16 - rate) / 7);

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    protected override TrialPlan Plan(MultisensoryCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        if (!double.IsFinite(cond.Rate)) throw new TaskException($"{TaskName}: rate must be finite, got {cond.Rate}");
        double fixationMs = timing == TaskTiming.Test ? 500 : 100;
        var periods = PycogTargets.Epochs(("fixation", fixationMs), ("stimulus", StimulusMs), ("decision", DecisionMs));
        bool visual = cond.Modality != Modality.Auditory, auditory = cond.Modality != Modality.Visual;
        float pos = PositiveEncoding(cond.Rate), neg = NegativeEncoding(cond.Rate);
        int correct = cond.CorrectChoice!.Value;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) { PycogTargets.Fixation(target, mask); return; }
            input[4] = 1; // start cue: stimulus and decision
            if (periods[1].In(t))
            {
                if (visual) { input[0] = pos; input[2] = neg; }
                if (auditory) { input[1] = pos; input[3] = neg; }
            }
            else PycogTargets.Decision(target, mask, correct);
        });
    }
}
