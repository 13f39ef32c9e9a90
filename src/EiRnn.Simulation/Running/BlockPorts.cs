using EiRnn.Onnx.Variants;

namespace EiRnn.Simulation.Running;

/// <summary>
/// What the perturbation ports of a compiled variant (EiRnn.Onnx's PerturbationPorts) receive while one
/// block of trials runs. Every value defaults to neutral; <see cref="Lesion"/> and <see cref="Stim"/> are
/// fed only when set (otherwise the graph's neutral defaults act), and are generated chunk by chunk, never
/// as a whole [B,T,N] array.
/// </summary>
public sealed record BlockPorts
{
    /// <summary><c>w_rec_scale</c> [2,2] row-major, indexed [pre type, post type] (0 = E, 1 = I).</summary>
    public float[] RecurrentBlockScale { get; init; } = [1f, 1f, 1f, 1f];
    public float InputWeightScale { get; init; } = 1f;
    public float OutputWeightScale { get; init; } = 1f;
    /// <summary><c>input_gain</c> [Nin]; null = all ones.</summary>
    public float[]? InputGain { get; init; }
    public float SigmaInScale { get; init; } = 1f;
    public float SigmaRecScale { get; init; } = 1f;
    /// <summary><c>lesion_mask</c> rows: sample k's rates multiplied by 0 where an effect is on.</summary>
    public TimedEffects? Lesion { get; init; }
    /// <summary><c>stim</c> rows: currents added inside α(...) at step k where an effect is on.</summary>
    public TimedEffects? Stim { get; init; }

    public static BlockPorts Neutral { get; } = new();

    /// <summary>The constant ports as (name, values, shape) for a network with <paramref name="nin"/> inputs.</summary>
    internal IEnumerable<(string Name, float[] Values, long[] Shape)> Constants(int nin)
    {
        yield return (PortNames.WRecScale, RecurrentBlockScale, [2, 2]);
        yield return (PortNames.WInScale, [InputWeightScale], []);
        yield return (PortNames.WOutScale, [OutputWeightScale], []);
        yield return (PortNames.InputGain, InputGain ?? Enumerable.Repeat(1f, nin).ToArray(), [nin]);
        yield return (PortNames.SigmaInScale, [SigmaInScale], []);
        yield return (PortNames.SigmaRecScale, [SigmaRecScale], []);
    }
}

/// <summary>One effect of one trial: on for steps [FirstStep, EndStep) on the listed units.</summary>
public readonly record struct TimedEffect(int FirstStep, int EndStep, IReadOnlyList<int> Units, float Value);

/// <summary>
/// How much of a time-varying port one chunk of (trials × steps) must be fed: 1 or all trials, 1 or all
/// steps. A whole-trial lesion of the same units in every trial is one [1,1,N] row the graph broadcasts;
/// only effects whose windows start or end inside the chunk need T rows, and only trials whose effects
/// differ need B rows.
/// </summary>
public readonly record struct PortExtent(int Trials, int Steps)
{
    public long Rows => (long)Trials * Steps;
}

/// <summary>
/// Per-trial step ranges of a time-varying port: lesions (neutral row value 1, each effect multiplies its
/// units by its value, 0) or currents (neutral 0, effects add up). Rows are written per time chunk and only
/// as many as the chunk needs (<see cref="ExtentOf"/>), so a block never holds a [B,T,N] array.
/// </summary>
public sealed class TimedEffects
{
    private readonly IReadOnlyList<TimedEffect>[] _perTrial;
    private readonly bool _additive;

    private TimedEffects(IReadOnlyList<TimedEffect>[] perTrial, bool additive) => (_perTrial, _additive) = (perTrial, additive);

    /// <summary>A lesion mask: neutral 1, each effect zeroes its units.</summary>
    public static TimedEffects Mask(IReadOnlyList<TimedEffect>[] perTrial) => new(perTrial, additive: false);

    /// <summary>An added current: neutral 0, effects add up.</summary>
    public static TimedEffects Current(IReadOnlyList<TimedEffect>[] perTrial) => new(perTrial, additive: true);

    public int Trials => _perTrial.Length;

    /// <summary>The rows trials [firstTrial, firstTrial + trials) × steps [firstStep, firstStep + steps) need.</summary>
    public PortExtent ExtentOf(int firstTrial, int trials, int firstStep, int steps)
    {
        int end = firstStep + steps;
        bool sameForAll = true, constantInTime = true;
        for (int i = 0; i < trials; i++)
        {
            foreach (var e in _perTrial[firstTrial + i])
                if ((e.FirstStep > firstStep && e.FirstStep < end) || (e.EndStep > firstStep && e.EndStep < end)) constantInTime = false;
            if (i > 0 && sameForAll && !SameWithin(_perTrial[firstTrial], _perTrial[firstTrial + i], firstStep, end)) sameForAll = false;
        }
        return new PortExtent(sameForAll ? 1 : trials, constantInTime ? 1 : steps);
    }

    /// <summary>
    /// Writes the rows of <paramref name="extent"/> for trials from <paramref name="firstTrial"/> and steps from
    /// <paramref name="firstStep"/> into <paramref name="rows"/>, row (i, k) at <paramref name="row"/>(i, k)·n.
    /// A single trial or step stands for all of them (the extent says they are the same).
    /// </summary>
    public void Fill(int firstTrial, int firstStep, PortExtent extent, int n, Func<int, int, long> row, Span<float> rows)
    {
        for (int i = 0; i < extent.Trials; i++)
            for (int k = 0; k < extent.Steps; k++)
                FillRow(firstTrial + i, firstStep + k, rows.Slice(checked((int)(row(i, k) * n)), n));
    }

    /// <summary>Writes trial <paramref name="trial"/>'s row of step <paramref name="step"/>.</summary>
    public void FillRow(int trial, int step, Span<float> row)
    {
        row.Fill(_additive ? 0f : 1f);
        foreach (var e in _perTrial[trial])
        {
            if (step < e.FirstStep || step >= e.EndStep) continue;
            if (_additive) foreach (int u in e.Units) row[u] += e.Value;
            else foreach (int u in e.Units) row[u] *= e.Value;
        }
    }

    /// <summary>Whether two trials' effects act identically on steps [from, to).</summary>
    private static bool SameWithin(IReadOnlyList<TimedEffect> a, IReadOnlyList<TimedEffect> b, int from, int to)
    {
        if (ReferenceEquals(a, b)) return true;
        var ea = a.Where(e => e.FirstStep < to && e.EndStep > from).GetEnumerator();
        var eb = b.Where(e => e.FirstStep < to && e.EndStep > from).GetEnumerator();
        while (true)
        {
            bool more = ea.MoveNext();
            if (more != eb.MoveNext()) return false;
            if (!more) return true;
            TimedEffect x = ea.Current, y = eb.Current;
            if (Math.Max(x.FirstStep, from) != Math.Max(y.FirstStep, from) || Math.Min(x.EndStep, to) != Math.Min(y.EndStep, to)
                || x.Value != y.Value || !(ReferenceEquals(x.Units, y.Units) || x.Units.SequenceEqual(y.Units))) return false;
        }
    }
}
