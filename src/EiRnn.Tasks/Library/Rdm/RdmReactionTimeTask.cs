using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// rdm-rt (docs/tasks.md#rdm-rt): the stimulus and start cue stay on until the trial ends; the decision period (mask
/// on, targets hi 1.2 / lo 0.2) starts 300 ms after stimulus onset, so "stimulus" and "decision" overlap.
/// Fixation 100 ms, stimulus 800 ms (test: 300 ms, 1500 ms); p_catch 5/11, catch trials 2000 ms.
/// <para>Scoring rules, stated once: <see cref="Score"/> (simulated trials, the trials table) uses the
/// threshold rule of docs/analysis.md#reaction-time — the first sample at which an output exceeds 1 gives the choice (a tie
/// goes to output 2) and rt_ms = its time (k+1)·dt minus stimulus onset; no crossing → no choice, correct
/// and rt null. <see cref="Performance"/> (validation) uses the output at trial end, like the other tasks.</para>
/// </summary>
public sealed class RdmReactionTimeTask : CognitiveTask<RdmCondition>
{
    public const string TaskName = "rdm-rt";
    public const float DecisionHi = 1.2f;
    public const double Threshold = 1.0, DecisionDelayMs = 300;
    private const double CatchMs = 2000;

    public override TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Random-dot motion, reaction-time version: answer any time from 300 ms after stimulus onset (Song et al. 2016 Fig 2B)",
        InputNames = ["evidence-choice1", "evidence-choice2", "start-cue"],
        OutputNames = ["choice1", "choice2"],
        PeriodNames = ["fixation", "stimulus", "decision"],
        Capabilities = BuiltInCapabilities.RdmReactionTime,
        Criterion = RdmDefaults.Criterion,
        CatchProbability = 5.0 / 11,
        Defaults = RdmDefaults.Network,
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => RdmCondition.Columns;
    public override IReadOnlyList<RdmCondition> TestSet => RdmConditionSet.Test;
    public override IReadOnlyList<RdmCondition> ValidationConditions => RdmConditionSet.Training;
    protected override RdmCondition CatchCondition => RdmCondition.Catch;
    protected override RdmCondition DrawCondition(RandomStream rng) => RdmConditionSet.Draw(rng);

    /// <summary>Threshold rule of docs/analysis.md#reaction-time (see the class summary).</summary>
    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        Scoring.CheckOutputs(batch, z);
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var cond = (RdmCondition)batch.Conditions[b];
            if (cond.IsCatch) { outcomes[b] = new(null, null, null); continue; }
            double onset = batch.FindPeriod(b, "stimulus")!.Value.StartMs;
            outcomes[b] = new(null, null, null);
            for (int k = 0; k < batch.TrialSteps[b]; k++)
            {
                int at = batch.OutputIndex(b, k, 0);
                int choice = -1;
                for (int o = 0; o < batch.OutputCount; o++) if (z[at + o] > Threshold) choice = o; // last crossing wins a tie
                if (choice < 0) continue;
                outcomes[b] = new(choice, cond.CorrectChoice is int right ? choice == right : null, (k + 1) * (double)batch.DtMs - onset);
                break;
            }
        }
        return outcomes;
    }

    /// <summary>Validation measure: choice = larger output at trial end, fraction correct over non-catch trials.</summary>
    public override double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.FractionCorrect(Scoring.ScoreAtTrialEnd(batch, z));

    protected override TrialPlan Plan(RdmCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        cond = cond.WithDirectionDrawn(rng);
        bool test = timing == TaskTiming.Test;
        double fixationMs = test ? 300 : 100, stimulusMs = test ? 1500 : 800, end = fixationMs + stimulusMs;
        Period[] periods =
        [
            new("fixation", 0, fixationMs),
            new("stimulus", fixationMs, end),
            new("decision", fixationMs + DecisionDelayMs, end),
        ];
        var (e1, e2) = cond.Evidence();
        int correct = cond.Direction > 0 ? 0 : 1;
        return new TrialPlan(cond, periods, end, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) { PycogTargets.Fixation(target, mask); return; }
            input[0] = e1; input[1] = e2; input[2] = 1;
            if (periods[2].In(t)) PycogTargets.Decision(target, mask, correct, DecisionHi);
        });
    }
}
