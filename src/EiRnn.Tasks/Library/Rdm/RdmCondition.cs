using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>Condition of the random-dot motion tasks: coherence code c (plotted 3.2·c %) and direction ±1.</summary>
/// <param name="CoherenceCode">The code's integer c ∈ {0, 1, 2, 4, 8, 16}; 0 = zero coherence (test only).</param>
/// <param name="Direction">+1: evidence for choice 1 (output 0); −1: for choice 2 (output 1); 0 in a
/// zero-coherence template means "drawn at random when the trial is built" (written as null).</param>
public sealed record RdmCondition(int CoherenceCode, int Direction, bool IsCatch = false) : IChoiceCondition
{
    public const double Scale = 3.2;

    /// <summary>Signed coherence in percent (direction · 3.2 · c).</summary>
    public double SignedCoherence => Direction * Scale * CoherenceCode;

    /// <summary>Correct output index, or null for catch and zero-coherence trials.</summary>
    public int? CorrectChoice => IsCatch || CoherenceCode == 0 ? null : (Direction > 0 ? 0 : 1);

    public static readonly IReadOnlyList<ConditionColumn> Columns =
    [
        new("coherence", ConditionColumnKind.Double, "signed coherence in percent (direction x 3.2 x code)"),
        new("coherence_code", ConditionColumnKind.Int32, "the task's integer coherence c"),
        new("direction", ConditionColumnKind.Int32, "+1 evidence for choice 1, -1 for choice 2"),
        new("catch", ConditionColumnKind.Bool, "catch trial (no stimulus)"),
    ];

    public void Write(IConditionWriter w)
    {
        w.Double("coherence", IsCatch ? null : SignedCoherence + 0.0); // + 0.0 turns −0 into 0
        w.Int32("coherence_code", IsCatch ? null : CoherenceCode);
        w.Int32("direction", IsCatch || Direction == 0 ? null : Direction);
        w.Bool("catch", IsCatch);
    }

    internal static readonly RdmCondition Catch = new(0, 0, IsCatch: true);

    /// <summary>Input of the choice the evidence favours, (1 + 0.032·c)/2, and of the other, (1 − 0.032·c)/2
    /// (docs/tasks.md#rdm-fixed).</summary>
    internal (float Choice1, float Choice2) Evidence()
    {
        float strong = (float)((1 + 0.032 * CoherenceCode) / 2), weak = (float)((1 - 0.032 * CoherenceCode) / 2);
        return Direction > 0 ? (strong, weak) : (weak, strong);
    }

    /// <summary>A zero-coherence template gets its direction label drawn here (the evidence is equal either way).</summary>
    internal RdmCondition WithDirectionDrawn(Core.Random.RandomStream rng) =>
        !IsCatch && CoherenceCode == 0 ? this with { Direction = rng.NextInt(2) == 0 ? 1 : -1 } : this;
}

/// <summary>The RDM condition sets shared by rdm-fixed, rdm-variable and rdm-rt.</summary>
internal static class RdmConditionSet
{
    public static readonly int[] Codes = [1, 2, 4, 8, 16];
    public static readonly int[] Directions = [1, -1];

    /// <summary>The 10 training conditions in column-major order (code varies fastest).</summary>
    public static readonly RdmCondition[] Training =
        Directions.SelectMany(d => Codes.Select(c => new RdmCondition(c, d))).ToArray();

    /// <summary>Test set: the 10 conditions plus coherence 0 (direction drawn per trial).</summary>
    public static readonly RdmCondition[] Test = [.. Training, new RdmCondition(0, 0)];

    public static RdmCondition Draw(Core.Random.RandomStream rng) =>
        new(Codes[rng.NextInt(Codes.Length)], Directions[rng.NextInt(2)]);
}

/// <summary>The criterion and network recipe shared by the three random-dot motion tasks (docs/tasks.md#rdm-fixed).</summary>
internal static class RdmDefaults
{
    /// <summary>Mean of the last 5 validations &gt; 85 % correct.</summary>
    public static StoppingCriterion Criterion { get; } = new(TaskMetric.PercentCorrect, 0.85, 5, Strict: true);

    /// <summary>N = 100 (80 E / 20 I), dt 20 ms, minibatch 20, 1100 validation trials, pycog recipe.</summary>
    public static TaskNetworkDefaults Network { get; } = new()
    {
        Preset = Preset.Pycog, N = 100, DtTrainMs = 20f, BatchSize = 20, ValidationTrials = 1100,
    };
}
