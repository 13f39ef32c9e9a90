using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>perceptual-discrimination condition: PsychRNN's coherence (fraction) and direction 0/1 (the channel
/// with more evidence and the correct output). Onset and duration null in a template = drawn.</summary>
public sealed record PerceptualDiscriminationCondition(double Coherence, int Direction, double? OnsetMs = null, double? StimulusMs = null)
    : IChoiceCondition
{
    public bool IsCatch => false;
    public int? CorrectChoice => Direction;

    /// <summary>Signed percent, positive = evidence for output 0 (the rdm convention of the trials table).</summary>
    public double SignedCoherencePercent => (Direction == 0 ? 100 : -100) * Coherence;

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("coherence", ConditionColumnKind.Double, "signed coherence in percent (+ = evidence for output 0)"),
        new("coherence_fraction", ConditionColumnKind.Double, "PsychRNN's coherence (0..1)"),
        new("direction", ConditionColumnKind.Int32, "PsychRNN's direction: 0 or 1 = the favoured channel and correct output"),
        new("onset_ms", ConditionColumnKind.Double, "stimulus onset (ms, PsychRNN time k*dt)"),
        new("stimulus_ms", ConditionColumnKind.Double, "stimulus duration (ms)"),
        new("catch", ConditionColumnKind.Bool, "catch trial (never, in this task)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("coherence", SignedCoherencePercent + 0.0);
        w.Double("coherence_fraction", Coherence);
        w.Int32("direction", Direction);
        w.Double("onset_ms", OnsetMs);
        w.Double("stimulus_ms", StimulusMs);
        w.Bool("catch", false);
    }
}

/// <summary>
/// perceptual-discrimination (PsychRNN, docs/tasks.md#perceptual-discrimination). Coherence uniform over the task's coherence set
/// (default 0.1, 0.3, 0.5, 0.7), direction 0/1, onset ~ U(0, T/2), duration ~ U(T/8, 3T/8). Input: noise of
/// std 0.1·sqrt(0.02·sqrt(10)·sqrt(dt)) on both channels at all times; while onset &lt; t &lt; onset+duration
/// both channels +1 and the direction channel +coherence. Target 0 until onset+duration+20 ms, then
/// hi 1.0 / lo 0.2; mask 1 from onset+duration. Restricting the coherence set gives curriculum stages.
/// </summary>
public sealed class PerceptualDiscriminationTask : CognitiveTask<PerceptualDiscriminationCondition>
{
    private static readonly int[] Directions = [0, 1];

    public const string TaskName = "perceptual-discrimination";
    public static readonly IReadOnlyList<double> DefaultCoherences = [0.1, 0.3, 0.5, 0.7];
    private const float Hi = 1f, Lo = 0.2f;
    private const double TargetDelayMs = 20;
    private readonly double _trialMs;
    private readonly double[] _coherences;

    public PerceptualDiscriminationTask(IReadOnlyList<double>? coherences = null, double trialMs = 2000)
    {
        PsychRnnGrid.CheckTrialMs(TaskName, trialMs, 1);
        _coherences = (coherences ?? DefaultCoherences).ToArray();
        if (_coherences.Length == 0) throw new ConfigException("coherences", "must list at least one coherence");
        foreach (var c in _coherences)
            if (!(c >= 0 && c <= 1)) throw new ConfigException("coherences", $"values must lie in [0, 1], got {c}");
        _trialMs = trialMs;
        ValidationConditions = [.. Directions.SelectMany(d => _coherences.Select(c => new PerceptualDiscriminationCondition(c, d)))];
        Description = new TaskDescription
        {
            Name = TaskName,
            Summary = $"PsychRNN perceptual discrimination: which of two noisy channels is stronger (coherences {string.Join(", ", _coherences)})",
            InputNames = ["channel0", "channel1"],
            OutputNames = ["choice0", "choice1"],
            PeriodNames = ["fixation", "stimulus", "decision"],
            Capabilities = BuiltInCapabilities.PerceptualDiscrimination,
            Criterion = PsychRnnDefaults.Criterion,
            CatchProbability = 0,
            InputsNonNegative = false,
            TimeGrid = TimeGrid.PsychRnn,
            Defaults = PsychRnnDefaults.Network,
        };
    }

    public IReadOnlyList<double> Coherences => _coherences;
    public double TrialMs => _trialMs;
    public override TaskDescription Description { get; }
    public override IReadOnlyList<ConditionColumn> ConditionColumns => PerceptualDiscriminationCondition.Columns;
    /// <summary>Coherence × direction, coherence fastest.</summary>
    public override IReadOnlyList<PerceptualDiscriminationCondition> ValidationConditions { get; }
    public override IReadOnlyList<PerceptualDiscriminationCondition> TestSet => ValidationConditions;
    protected override PerceptualDiscriminationCondition? CatchCondition => null;
    protected override PerceptualDiscriminationCondition DrawCondition(RandomStream rng) =>
        new(_coherences[rng.NextInt(_coherences.Length)], rng.NextInt(2));

    /// <summary>0.1·sqrt(0.02·sqrt(10)·sqrt(dt)) (≈ 0.0447 at dt = 10 ms).</summary>
    public static double NoiseStd(float dtMs) => 0.1 * Math.Sqrt(0.02 * Math.Sqrt(10) * Math.Sqrt(dtMs));

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.ScoreMaskedMeanArgmax(batch, z);

    protected override TrialPlan Plan(PerceptualDiscriminationCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.Direction is not (0 or 1)) throw new TaskException($"{TaskName}: direction must be 0 or 1, got {cond.Direction}");
        double onset = cond.OnsetMs ?? rng.Uniform(0, _trialMs / 2);
        double duration = cond.StimulusMs ?? rng.Uniform(_trialMs / 8, 3 * _trialMs / 8);
        cond = cond with { OnsetMs = onset, StimulusMs = duration };
        int steps = PsychRnnGrid.Steps(_trialMs, dtMs);
        double end = steps * (double)dtMs, stimEnd = onset + duration;
        Period[] periods =
        [
            PsychRnnGrid.Period("fixation", 0, true, onset, true, dtMs, steps),
            PsychRnnGrid.Period("stimulus", onset, false, stimEnd, false, dtMs, steps),
            PsychRnnGrid.Period("decision", stimEnd, true, end, false, dtMs, steps),
        ];
        var response = PsychRnnGrid.Period("response", stimEnd + TargetDelayMs, true, end, false, dtMs, steps);
        double std = NoiseStd(dtMs);
        int dir = cond.Direction;
        float coherence = (float)cond.Coherence;
        return new TrialPlan(cond, periods, end, (int k, double _, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            PsychRnnGrid.AddNoise(input, std, rng);
            if (periods[1].Contains(k, dtMs)) { input[0] += 1; input[1] += 1; input[dir] += coherence; }
            if (periods[2].Contains(k, dtMs)) mask.Fill(1);
            if (response.Contains(k, dtMs)) { target.Fill(Lo); target[dir] = Hi; }
        });
    }
}

/// <summary>The recipe shared by the PsychRNN tasks (docs/tasks.md#criteria, docs/training.md#psychrnn-preset).</summary>
internal static class PsychRnnDefaults
{
    /// <summary>Mean of the last 5 validation accuracies ≥ 0.90 [OURS].</summary>
    public static StoppingCriterion Criterion { get; } = new(TaskMetric.Accuracy, 0.90, 5, Strict: false);

    /// <summary>Preset psychrnn: N_rec 50, N_batch 50, dt 10, τ 100, no Dale (dale_ratio None), σ_rec 0, no
    /// model input noise (the task adds its own). Validation = one fresh batch of N_batch trials.</summary>
    public static TaskNetworkDefaults Network { get; } = new()
    {
        Preset = Preset.Psychrnn, N = 50, Dale = false, TauMs = 100f, DtTrainMs = 10f, SigmaRec = 0f, SigmaIn = 0f,
        BatchSize = 50, ValidationTrials = 50,
    };
}
