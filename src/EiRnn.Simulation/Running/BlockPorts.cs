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
/// Per-trial step ranges of a time-varying port: lesions (neutral row value 1, each effect multiplies its
/// units by its value, 0) or currents (neutral 0, effects add up). Rows are written per time chunk, so a
/// block never holds a [B,T,N] array.
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

    /// <summary>Writes trial <paramref name="trial"/>'s rows for steps [firstStep, firstStep + steps) into <paramref name="rows"/> ([steps × n]).</summary>
    public void Fill(int trial, int firstStep, int steps, int n, Span<float> rows)
    {
        rows = rows[..(steps * n)];
        rows.Fill(_additive ? 0f : 1f);
        foreach (var e in _perTrial[trial])
        {
            int from = Math.Max(e.FirstStep, firstStep), to = Math.Min(e.EndStep, firstStep + steps);
            for (int k = from; k < to; k++)
            {
                var row = rows.Slice((k - firstStep) * n, n);
                if (_additive) foreach (int u in e.Units) row[u] += e.Value;
                else foreach (int u in e.Units) row[u] *= e.Value;
            }
        }
    }
}
