using System.ComponentModel;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace CustomTaskExample;

/// <summary>The task's options: a train config's "task_options" (unknown keys are rejected).</summary>
public sealed record GoNoGoOptions
{
    [Description("delay between the cue and the response window, in ms (>= 0)")]
    public double DelayMs { get; init; } = 200;

    [Description("probability of a go trial during training, in [0, 1]")]
    public double GoProbability { get; init; } = 0.5;
}

/// <summary>One trial: a go cue (respond on output 0) or a no-go cue (withhold: output 1).</summary>
public sealed record GoNoGoCondition(bool Go) : IChoiceCondition
{
    public bool IsCatch => false;
    public int? CorrectChoice => Go ? 0 : 1;

    public static readonly IReadOnlyList<ConditionColumn> Columns =
        [new("go", ConditionColumnKind.Bool, "go cue (true) or no-go cue (false)")];

    public void Write(IConditionWriter w) => w.Bool("go", Go);
}

/// <summary>
/// Go/No-Go with a delay: fixation 100 ms (both outputs low), cue 300 ms (input 0 = go, input 1 = no-go),
/// delay (unconstrained), then 300 ms in which the "go" or the "withhold" output must be high.
/// </summary>
public sealed class GoNoGoTask : CognitiveTask<GoNoGoCondition>
{
    private const float Hi = 1f, Lo = 0.2f;
    private readonly GoNoGoOptions _options;

    public GoNoGoTask(GoNoGoOptions options)
    {
        if (!(options.DelayMs >= 0 && double.IsFinite(options.DelayMs)))
            throw new ConfigException("delay_ms", $"must be >= 0 ms, got {options.DelayMs}");
        if (!(options.GoProbability is >= 0 and <= 1))
            throw new ConfigException("go_probability", $"must lie in [0, 1], got {options.GoProbability}");
        _options = options;
    }

    public override TaskDescription Description { get; } = new()
    {
        Name = "go-no-go",
        Summary = "Go/No-Go with a delay: respond after a go cue, withhold after a no-go cue (example user task)",
        InputNames = ["go-cue", "no-go-cue"],
        OutputNames = ["go", "withhold"],
        PeriodNames = ["fixation", "cue", "delay", "response"],
        Criterion = new StoppingCriterion(TaskMetric.PercentCorrect, 0.90, Window: 5, Strict: true),
        Defaults = new TaskNetworkDefaults { Preset = Preset.Pycog, N = 50, DtTrainMs = 20f, BatchSize = 20, ValidationTrials = 100 },
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => GoNoGoCondition.Columns;
    public override IReadOnlyList<GoNoGoCondition> TestSet { get; } = [new(true), new(false)];
    public override IReadOnlyList<GoNoGoCondition> ValidationConditions => TestSet;
    protected override GoNoGoCondition? CatchCondition => null;
    protected override GoNoGoCondition DrawCondition(RandomStream rng) => new(rng.Bernoulli(_options.GoProbability));

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreAtTrialEnd(batch, z);

    protected override TrialPlan Plan(GoNoGoCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        double cueStart = 100, delayStart = cueStart + 300, responseStart = delayStart + _options.DelayMs, end = responseStart + 300;
        Period[] periods = [new("fixation", 0, cueStart), new("cue", cueStart, delayStart),
                            new("delay", delayStart, responseStart), new("response", responseStart, end)];
        int correct = cond.CorrectChoice!.Value;
        // Sample k is at time t = (k+1)·dt and belongs to a period when start < t <= end (docs/model.md#time-indexing).
        return new TrialPlan(cond, periods, end, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            if (t <= cueStart) { target.Fill(Lo); mask.Fill(1); }
            else if (t <= delayStart) input[cond.Go ? 0 : 1] = 1;
            else if (t > responseStart) { target.Fill(Lo); target[correct] = Hi; mask.Fill(1); }
        });
    }
}
