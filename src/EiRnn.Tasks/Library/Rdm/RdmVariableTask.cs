using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>rdm-variable condition: the RDM condition plus the stimulus duration (null in a template = drawn).</summary>
public sealed record RdmVariableCondition(int CoherenceCode, int Direction, double? StimulusMs, bool IsCatch = false) : IChoiceCondition
{
    public RdmCondition Motion => new(CoherenceCode, Direction, IsCatch);
    public double SignedCoherence => Motion.SignedCoherence;
    public int? CorrectChoice => Motion.CorrectChoice;

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        .. RdmCondition.Columns,
        new("stimulus_ms", ConditionColumnKind.Double, "stimulus duration in ms (exponential, mean 330, 80..1500, floored to dt)"),
    ];

    public void Write(IConditionWriter w)
    {
        Motion.Write(w);
        w.Double("stimulus_ms", IsCatch ? null : StimulusMs);
    }
}

/// <summary>
/// rdm-variable (docs/tasks.md#rdm-variable): rdm-fixed plus a start-cue input on during the stimulus, whose duration is
/// exponential (mean 330 ms) redrawn until 80 ≤ d &lt; 1500 ms and floored to dt (training and test).
/// Fixation 100 ms (test 500 ms), decision 300 ms; catch trials 2000 ms.
/// </summary>
public sealed class RdmVariableTask : CognitiveTask<RdmVariableCondition>, ITrialDurationBound
{
    public const string TaskName = "rdm-variable";
    private const double CatchMs = 2000, DecisionMs = 300, MeanStimulusMs = 330, MinStimulusMs = 80, MaxStimulusMs = 1500;

    public override TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Random-dot motion, variable stimulus duration with a start cue (Song et al. 2016 Fig 2A)",
        InputNames = ["evidence-choice1", "evidence-choice2", "start-cue"],
        OutputNames = ["choice1", "choice2"],
        PeriodNames = ["fixation", "stimulus", "decision"],
        Capabilities = BuiltInCapabilities.RdmVariable,
        Criterion = RdmDefaults.Criterion,
        CatchProbability = 1.0 / 11,
        Defaults = RdmDefaults.Network,
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => RdmVariableCondition.Columns;

    /// <summary>Fixation + the longest stimulus (just under 1500 ms) + decision, or a catch trial.</summary>
    public double MaxTrialMs(TaskTiming timing) =>
        Math.Max(CatchMs, (timing == TaskTiming.Test ? 500 : 100) + MaxStimulusMs + DecisionMs);
    public override IReadOnlyList<RdmVariableCondition> TestSet { get; } = RdmConditionSet.Test.Select(Template).ToArray();
    public override IReadOnlyList<RdmVariableCondition> ValidationConditions { get; } = RdmConditionSet.Training.Select(Template).ToArray();
    protected override RdmVariableCondition CatchCondition { get; } = new(0, 0, null, IsCatch: true);
    protected override RdmVariableCondition DrawCondition(RandomStream rng) => Template(RdmConditionSet.Draw(rng));

    private static RdmVariableCondition Template(RdmCondition c) => new(c.CoherenceCode, c.Direction, null);

    /// <summary>Exponential with mean 330 ms, redrawn until 80 ≤ d &lt; 1500, then floored to dt.</summary>
    public static double DrawStimulusMs(RandomStream rng, float dtMs)
    {
        double d;
        do d = rng.Exponential(MeanStimulusMs); while (d < MinStimulusMs || d >= MaxStimulusMs);
        return TrialAssembler.FloorToDt(d, dtMs);
    }

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    protected override TrialPlan Plan(RdmVariableCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        if (cond.StimulusMs is double given && !(given > 0 && double.IsFinite(given)))
            throw new TaskException($"{TaskName}: stimulus_ms must be > 0, got {given}");
        var motion = cond.Motion.WithDirectionDrawn(rng);
        double stimulusMs = cond.StimulusMs ?? DrawStimulusMs(rng, dtMs);
        cond = cond with { Direction = motion.Direction, StimulusMs = stimulusMs };
        double fixationMs = timing == TaskTiming.Test ? 500 : 100;
        var periods = PycogTargets.Epochs(("fixation", fixationMs), ("stimulus", stimulusMs), ("decision", DecisionMs));
        var (e1, e2) = motion.Evidence();
        int correct = motion.Direction > 0 ? 0 : 1;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) PycogTargets.Fixation(target, mask);
            else if (periods[1].In(t)) { input[0] = e1; input[1] = e2; input[2] = 1; }
            else PycogTargets.Decision(target, mask, correct);
        });
    }
}
