using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>sequence condition: the sequence id 1..8 (docs/tasks.md#sequence).</summary>
public sealed record SequenceCondition(int Sequence) : ITrialCondition
{
    public bool IsCatch => false;

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("sequence", ConditionColumnKind.Int32, "sequence id 1..8"),
        new("catch", ConditionColumnKind.Bool, "catch trial (never, in this task)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Int32("sequence", Sequence);
        w.Bool("catch", false);
    }
}

/// <summary>
/// sequence (docs/tasks.md#sequence): eye-movement sequences. Inputs: 9 dot channels, 8 one-hot sequence channels
/// (on for the whole trial). Outputs: eye x, y. ITI 1000 ms (mask 0), fixation 1000 ms (dot 4 on, eye at
/// the centre), moves M1–M3 of 500 ms (current dot and its two options on, eye at the next dot). Training
/// and validation come in blocks of 8 (each a random permutation). Metric: RMSE over the mask.
/// <para>Per-trial score [OURS]: no choice; correct = at the last sample of each move the eye is nearest to
/// that move's target dot, for all three moves.</para>
/// </summary>
public sealed class SequenceTask : CognitiveTask<SequenceCondition>
{
    public const string TaskName = "sequence";
    private const double ItiMs = 1000, FixationMs = 1000, MoveMs = 500;
    private const int DotChannels = SequenceScreen.DotCount, BlockSize = SequenceScreen.SequenceCount;

    public override TaskDescription Description { get; } = new()
    {
        Name = TaskName,
        Summary = "Eye-movement sequences on a 3x3 grid, three moves each (Song et al. 2016 Fig 8)",
        InputNames = [.. Enumerable.Range(0, DotChannels).Select(k => $"dot{k}"), .. Enumerable.Range(1, BlockSize).Select(s => $"sequence{s}")],
        OutputNames = ["eye-x", "eye-y"],
        PeriodNames = ["iti", "fixation", "m1", "m2", "m3"],
        Capabilities = BuiltInCapabilities.Sequence,
        Criterion = new StoppingCriterion(TaskMetric.Rmse, 0.05, 1, Strict: false),
        CatchProbability = 0,
        TrainingBlockSize = BlockSize,
        Defaults = new TaskNetworkDefaults
        {
            Preset = Preset.Pycog, N = 200, TauMs = 50f, DtTrainMs = 10f, SigmaRec = 0.01f, BatchSize = 1, ValidationTrials = 800,
            ReadoutFromAllUnits = true, Continuous = true,
        },
    };

    public override IReadOnlyList<ConditionColumn> ConditionColumns => SequenceCondition.Columns;
    public static IReadOnlyList<SequenceCondition> AllConditions { get; } = Enumerable.Range(1, BlockSize).Select(s => new SequenceCondition(s)).ToArray();
    public override IReadOnlyList<SequenceCondition> TestSet => AllConditions;
    public override IReadOnlyList<SequenceCondition> ValidationConditions => AllConditions;
    protected override SequenceCondition? CatchCondition => null;
    protected override SequenceCondition DrawCondition(RandomStream rng) => AllConditions[rng.NextInt(BlockSize)];

    /// <summary>Blocks of 8, each a random permutation of the sequences (docs/tasks.md#sequence, the paper's order).</summary>
    public override TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) => Blocks(batchSize, "batch_size", dtMs, rng);

    /// <summary>Blocks of 8 in random permutation (docs/tasks.md#sequence), drawn from the validation stream.</summary>
    public override TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => Blocks(count, "n_validation", dtMs, rng);

    private TrialBatch Blocks(int count, string field, float dtMs, RandomStream rng)
    {
        if (count < 1) throw new ConfigException(field, $"must be >= 1 trial for task {TaskName}, got {count}");
        var plans = new TrialPlan[count];
        var block = new SequenceCondition[BlockSize];
        for (int b = 0; b < count; b++)
        {
            if (b % BlockSize == 0) { AllConditions.ToArray().CopyTo(block, 0); rng.Shuffle(block.AsSpan()); }
            plans[b] = Plan(block[b % BlockSize], TaskTiming.Train, dtMs, rng);
        }
        return TrialAssembler.Assemble(plans, InputCount, OutputCount, dtMs);
    }

    public override TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z)
    {
        Scoring.CheckOutputs(batch, z);
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var dots = SequenceScreen.Dots(((SequenceCondition)batch.Conditions[b]).Sequence);
            bool all = true;
            for (int m = 1; m <= 3; m++)
            {
                var move = batch.FindPeriod(b, $"m{m}")!.Value;
                int last = (int)Math.Round(move.EndMs / batch.DtMs) - 1; // sample k sits at (k+1)·dt
                int at = batch.OutputIndex(b, Math.Min(last, batch.TrialSteps[b] - 1), 0);
                all &= SequenceScreen.Nearest(z[at], z[at + 1]) == dots[m];
            }
            outcomes[b] = new(null, all, null);
        }
        return outcomes;
    }

    public override double Performance(TrialBatch batch, ReadOnlySpan<float> z) => Scoring.MaskedRmse(batch, z);

    protected override TrialPlan Plan(SequenceCondition cond, TaskTiming timing, float dtMs, RandomStream rng)
    {
        if (cond.Sequence is < 1 or > BlockSize) throw new TaskException($"{TaskName}: sequence must be 1..8, got {cond.Sequence}");
        var periods = PycogTargets.Epochs(("iti", ItiMs), ("fixation", FixationMs), ("m1", MoveMs), ("m2", MoveMs), ("m3", MoveMs));
        var dots = SequenceScreen.Dots(cond.Sequence);
        int identity = DotChannels + cond.Sequence - 1;
        return new TrialPlan(cond, periods, periods[^1].EndMs, (int _, double t, Span<float> input, Span<float> target, Span<float> mask) =>
        {
            input[identity] = 1;
            if (periods[0].In(t)) return; // ITI: no dots, behaviour not trained
            int epoch = periods[1].In(t) ? 0 : periods[2].In(t) ? 1 : periods[3].In(t) ? 2 : 3;
            int current = dots[Math.Max(epoch - 1, 0)];
            input[current] = 1;
            if (epoch > 0) { var (a, c) = SequenceScreen.Options(current); input[a] = 1; input[c] = 1; }
            var (x, y) = SequenceScreen.Position(dots[epoch]);
            target[0] = (float)x; target[1] = (float)y; mask.Fill(1);
        });
    }
}
