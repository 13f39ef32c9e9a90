using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>match-to-category condition: stimulus angle θ ∈ [0, 2π) and its category floor(θ/(2π/N_out)).</summary>
public sealed record MatchToCategoryCondition(double AngleRad, int Category) : IChoiceCondition
{
    public bool IsCatch => false;
    public int? CorrectChoice => Category;

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("angle_rad", ConditionColumnKind.Double, "stimulus angle in radians, [0, 2pi)"),
        new("category", ConditionColumnKind.Int32, "correct output: floor(angle / (2pi / n_out))"),
        new("catch", ConditionColumnKind.Bool, "catch trial (never, in this task)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("angle_rad", AngleRad);
        w.Int32("category", Category);
        w.Bool("catch", false);
    }
}

/// <summary>
/// match-to-category (PsychRNN, docs/tasks.md#match-to-category): N_in channels with preferred angles evenly spaced from 0 to
/// 2π inclusive (the first and last coincide, as in PsychRNN), bump exp(−d²/2)/sqrt(2π) during [200, 1200)
/// ms, noise std 0.1/(2·dt) at all times; target 1 on the category output (0 on the others) at all times,
/// mask 1 during [1200, 2000) ms.
/// <para>[OURS] The test and validation set is 8·N_out angles at the centres of equal bins,
/// (j + ½)·2π/(8·N_out), so no test angle sits on a category boundary; training draws θ ~ U[0, 2π).</para>
/// </summary>
public sealed class MatchToCategoryTask : CognitiveTask<MatchToCategoryCondition>
{
    public const string TaskName = "match-to-category";
    public const double StimulusStartMs = 200, StimulusEndMs = 1200, DecisionEndMs = 2000;
    private readonly double _trialMs;
    private readonly double[] _channelAngles;

    public MatchToCategoryTask(int inputs = 16, int outputs = 2, double trialMs = 2000)
    {
        if (inputs < 2) throw new ConfigException("n_in", $"must be >= 2, got {inputs}");
        if (outputs < 2) throw new ConfigException("n_out", $"must be >= 2, got {outputs}");
        PsychRnnGrid.CheckTrialMs(TaskName, trialMs, DecisionEndMs);
        _trialMs = trialMs;
        _channelAngles = Enumerable.Range(0, inputs).Select(i => 2 * Math.PI * i / (inputs - 1)).ToArray();
        int n = 8 * outputs;
        TestSet = Enumerable.Range(0, n).Select(j => ConditionFor((j + 0.5) * 2 * Math.PI / n, outputs)).ToArray();
        Description = new TaskDescription
        {
            Name = TaskName,
            Summary = $"PsychRNN match-to-category: which of {outputs} angular categories a tuned population input falls in",
            InputNames = Enumerable.Range(0, inputs).Select(i => $"angle{i}").ToArray(),
            OutputNames = Enumerable.Range(0, outputs).Select(i => $"category{i}").ToArray(),
            PeriodNames = trialMs > DecisionEndMs ? ["fixation", "stimulus", "decision", "post"] : ["fixation", "stimulus", "decision"],
            Capabilities = BuiltInCapabilities.MatchToCategory,
            Criterion = PsychRnnDefaults.Criterion,
            CatchProbability = 0,
            InputsNonNegative = false,
            TimeGrid = TimeGrid.PsychRnn,
            Defaults = PsychRnnDefaults.Network,
        };
    }

    /// <summary>Preferred angles of the input channels: i·2π/(N_in − 1), i = 0..N_in−1.</summary>
    public IReadOnlyList<double> ChannelAngles => _channelAngles;
    public double TrialMs => _trialMs;
    public override TaskDescription Description { get; }
    public override IReadOnlyList<ConditionColumn> ConditionColumns => MatchToCategoryCondition.Columns;
    public override IReadOnlyList<MatchToCategoryCondition> TestSet { get; }
    public override IReadOnlyList<MatchToCategoryCondition> ValidationConditions => TestSet;
    protected override MatchToCategoryCondition? CatchCondition => null;
    protected override MatchToCategoryCondition DrawCondition(RandomStream rng) => ConditionFor(rng.Uniform(0, 2 * Math.PI), OutputCount);

    public static MatchToCategoryCondition ConditionFor(double angleRad, int outputs) =>
        new(angleRad, Math.Min((int)Math.Floor(angleRad / (2 * Math.PI / outputs)), outputs - 1));

    /// <summary>0.1/(2·dt) (docs/tasks.md#match-to-category).</summary>
    public static double NoiseStd(float dtMs) => 0.1 / (2 * dtMs);

    /// <summary>Bump of channel i for angle θ: exp(−d²/2)/sqrt(2π), d = channel angle − θ wrapped to [−π, π].</summary>
    public double ChannelInput(int channel, double angleRad)
    {
        double d = _channelAngles[channel] - angleRad;
        d = Math.IEEERemainder(d, 2 * Math.PI);
        return Math.Exp(-d * d / 2) / Math.Sqrt(2 * Math.PI);
    }

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreMaskedMeanArgmax(batch, z);

    protected override TrialPlan Plan(MatchToCategoryCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (!(cond.AngleRad >= 0 && cond.AngleRad < 2 * Math.PI))
            throw new TaskException($"{TaskName}: angle must lie in [0, 2pi), got {cond.AngleRad}");
        cond = ConditionFor(cond.AngleRad, OutputCount); // the category follows from the angle
        int steps = PsychRnnGrid.Steps(_trialMs, dtMs);
        double end = steps * (double)dtMs;
        var periods = new List<Period>
        {
            PsychRnnGrid.Period("fixation", 0, true, StimulusStartMs, false, dtMs, steps),
            PsychRnnGrid.Period("stimulus", StimulusStartMs, true, StimulusEndMs, false, dtMs, steps),
            PsychRnnGrid.Period("decision", StimulusEndMs, true, DecisionEndMs, false, dtMs, steps),
        };
        if (_trialMs > DecisionEndMs) periods.Add(PsychRnnGrid.Period("post", DecisionEndMs, true, end, false, dtMs, steps));
        var bump = Enumerable.Range(0, InputCount).Select(i => (float)ChannelInput(i, cond.AngleRad)).ToArray();
        double std = NoiseStd(dtMs);
        int category = cond.Category;
        return new TrialPlan(cond, periods, end, (int k, double _, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            PsychRnnGrid.AddNoise(input, std, rng);
            if (periods[1].Contains(k, dtMs)) for (int i = 0; i < input.Length; i++) input[i] += bump[i];
            target[category] = 1;
            if (periods[2].Contains(k, dtMs)) mask.Fill(1);
        });
    }
}
