using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// rdm-fixed (docs/tasks.md#rdm-fixed): two evidence inputs during an 800 ms stimulus, choose the larger after it.
/// Fixation 100 ms (test 300 ms), stimulus 800 ms, decision 300 ms; catch trials 2000 ms.
/// </summary>
public sealed class RdmFixedTask : CognitiveTask<RdmCondition>
{
    public const string TaskName = "rdm-fixed";
    internal const float Hi = PycogTargets.Hi, Lo = PycogTargets.Lo;
    private const double CatchMs = 2000, StimulusMs = 800, DecisionMs = 300;

    public override TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Random-dot motion, fixed 800 ms stimulus: report the stronger of two evidence inputs (Song et al. 2016 Fig 3)",
        InputNames = ["evidence-choice1", "evidence-choice2"],
        OutputNames = ["choice1", "choice2"],
        PeriodNames = ["fixation", "stimulus", "decision"],
        Capabilities = BuiltInCapabilities.RdmFixed,
        Criterion = RdmDefaults.Criterion,
        CatchProbability = 1.0 / 11,
        Defaults = RdmDefaults.Network,
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => RdmCondition.Columns;

    /// <summary>The 10 training conditions in column-major order (code varies fastest).</summary>
    public static IReadOnlyList<RdmCondition> TrainingConditions => RdmConditionSet.Training;

    /// <summary>Test set: the 10 conditions plus coherence 0 (direction drawn per trial at generation).</summary>
    public override IReadOnlyList<RdmCondition> TestSet => RdmConditionSet.Test;
    public override IReadOnlyList<RdmCondition> ValidationConditions => RdmConditionSet.Training;
    protected override RdmCondition CatchCondition => RdmCondition.Catch;
    protected override RdmCondition DrawCondition(RandomStream rng) => RdmConditionSet.Draw(rng);

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    protected override TrialPlan Plan(RdmCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        cond = cond.WithDirectionDrawn(rng);
        double fixationMs = timing == TaskTiming.Test ? 300 : 100;
        var periods = PycogTargets.Epochs(("fixation", fixationMs), ("stimulus", StimulusMs), ("decision", DecisionMs));
        var (e1, e2) = cond.Evidence();
        int correct = cond.Direction > 0 ? 0 : 1;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) PycogTargets.Fixation(target, mask);
            else if (periods[1].In(t)) { input[0] = e1; input[1] = e2; }
            else PycogTargets.Decision(target, mask, correct);
        });
    }
}
