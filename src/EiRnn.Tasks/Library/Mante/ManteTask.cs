using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>Which modality the Mante context cue says is relevant.</summary>
public enum ManteContext { Motion, Colour }

/// <summary>
/// mante condition: context and the two signed evidence codes. A positive sign is evidence for choice 1
/// (output 0). Coherence codes c ∈ {1, 3, 10}, plotted as 5·c %.
/// </summary>
public sealed record ManteCondition(ManteContext Context, int MotionCode, int MotionSign, int ColourCode, int ColourSign, bool IsCatch = false)
    : IChoiceCondition
{
    public const double Scale = 5;

    public double MotionCoherence => MotionSign * Scale * MotionCode;
    public double ColourCoherence => ColourSign * Scale * ColourCode;

    /// <summary>Sign of the relevant modality: + → output 0, − → output 1.</summary>
    public int? CorrectChoice => IsCatch ? null : ((Context == ManteContext.Motion ? MotionSign : ColourSign) > 0 ? 0 : 1);

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("context", ConditionColumnKind.String, "relevant modality: motion or colour"),
        new("motion_coherence", ConditionColumnKind.Double, "signed motion coherence in percent (sign x 5 x code)"),
        new("motion_code", ConditionColumnKind.Int32, "the task's integer motion coherence"),
        new("colour_coherence", ConditionColumnKind.Double, "signed colour coherence in percent (sign x 5 x code)"),
        new("colour_code", ConditionColumnKind.Int32, "the task's integer colour coherence"),
        new("catch", ConditionColumnKind.Bool, "catch trial (no stimulus)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.String("context", IsCatch ? null : Context == ManteContext.Motion ? "motion" : "colour");
        w.Double("motion_coherence", IsCatch ? null : MotionCoherence);
        w.Int32("motion_code", IsCatch ? null : MotionCode);
        w.Double("colour_coherence", IsCatch ? null : ColourCoherence);
        w.Int32("colour_code", IsCatch ? null : ColourCode);
        w.Bool("catch", IsCatch);
    }
}

/// <summary>
/// mante (docs/tasks.md#mante): context-dependent integration. Inputs: motion-context cue, colour-context cue (1
/// only during the stimulus), motion evidence for choice 1/2, colour evidence for choice 1/2, each
/// (1 ± 0.05·c)/2. Fixation 100 ms (test 400 ms), stimulus 800 ms, decision 300 ms; catch 2000 ms.
/// <para>Option <c>areas</c> (docs/model.md#mante-two-areas): same trials, but the task's network default
/// becomes <see cref="ConnectivityStructure.ManteAreas"/>; the task name stays "mante".</para>
/// </summary>
public sealed class ManteTask : CognitiveTask<ManteCondition>
{
    public const string TaskName = "mante";
    private static readonly int[] Codes = [1, 3, 10];
    private static readonly int[] Signs = [1, -1];
    private static readonly ManteContext[] Contexts = [ManteContext.Motion, ManteContext.Colour];
    private const double CatchMs = 2000, StimulusMs = 800, DecisionMs = 300;

    public ManteTask(bool areas = false)
    {
        Areas = areas;
        Description = new TaskDescription
        {
            Name = TaskName,
            Summary = "Context-dependent integration of motion or colour evidence (Song et al. 2016 Figs 4-5)" +
                      (areas ? "; two-area network (sensory/motor)" : ""),
            InputNames = ["context-motion", "context-colour", "motion-choice1", "motion-choice2", "colour-choice1", "colour-choice2"],
            OutputNames = ["choice1", "choice2"],
            PeriodNames = ["fixation", "stimulus", "decision"],
            Capabilities = BuiltInCapabilities.Mante,
            Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.90, 5, Strict: true),
            CatchProbability = 1.0 / 73,
            Defaults = new TaskNetworkDefaults
            {
                Preset = Preset.Pycog, N = 150, DtTrainMs = 20f, BatchSize = 50, ValidationTrials = 3650,
                Structure = areas ? ConnectivityStructure.ManteAreas : ConnectivityStructure.Dense,
            },
        };
    }

    /// <summary>Two-area variant (docs/tasks.md#mante).</summary>
    public bool Areas { get; }

    public override TaskDescription Description { get; }
    public override IReadOnlyList<ConditionColumn> ConditionColumns => ManteCondition.Columns;

    /// <summary>The 72 conditions, column-major: context fastest, then motion code, motion sign, colour code, colour sign.</summary>
    public static IReadOnlyList<ManteCondition> AllConditions { get; } =
        (from colourSign in Signs
         from colourCode in Codes
         from motionSign in Signs
         from motionCode in Codes
         from context in Contexts
         select new ManteCondition(context, motionCode, motionSign, colourCode, colourSign)).ToArray();

    public override IReadOnlyList<ManteCondition> TestSet => AllConditions;
    public override IReadOnlyList<ManteCondition> ValidationConditions => AllConditions;
    protected override ManteCondition CatchCondition { get; } = new(ManteContext.Motion, 0, 0, 0, 0, IsCatch: true);

    protected override ManteCondition DrawCondition(RandomStream rng) =>
        new(Contexts[rng.NextInt(2)], Codes[rng.NextInt(3)], Signs[rng.NextInt(2)], Codes[rng.NextInt(3)], Signs[rng.NextInt(2)]);

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    protected override TrialPlan Plan(ManteCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.IsCatch) return PycogTargets.CatchPlan(cond, CatchMs);
        double fixationMs = timing == TaskTiming.Test ? 400 : 100;
        var periods = PycogTargets.Epochs(("fixation", fixationMs), ("stimulus", StimulusMs), ("decision", DecisionMs));
        var (m1, m2) = Evidence(cond.MotionCode, cond.MotionSign);
        var (c1, c2) = Evidence(cond.ColourCode, cond.ColourSign);
        int cue = cond.Context == ManteContext.Motion ? 0 : 1, correct = cond.CorrectChoice!.Value;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (periods[0].In(t)) PycogTargets.Fixation(target, mask);
            else if (periods[1].In(t)) { input[cue] = 1; input[2] = m1; input[3] = m2; input[4] = c1; input[5] = c2; }
            else PycogTargets.Decision(target, mask, correct);
        });
    }

    /// <summary>(1 ± 0.05·c)/2: the larger value on the channel of the sign's choice.</summary>
    internal static (float Choice1, float Choice2) Evidence(int code, int sign)
    {
        float strong = (float)((1 + 0.05 * code) / 2), weak = (float)((1 - 0.05 * code) / 2);
        return sign > 0 ? (strong, weak) : (weak, strong);
    }
}
