using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Mante;

/// <summary>
/// Mante-like trials from units with KNOWN task loadings: unit i encodes only task variable i mod 4 (choice sign,
/// motion/50, colour/50, context ±1) with amplitude 0.5·a_i, a_i = +1 for the first half of the units and −1 for
/// the rest, on a ramp common to all units (so every unit is active) plus small private noise. Choices follow the
/// relevant modality's sign, correct with probability 0.8.
/// </summary>
internal sealed class SyntheticManteUnits(int units, int samples, ulong seed)
{
    public static readonly int[] Coherences = [-50, -15, -5, 5, 15, 50];   // percent, as the mante task writes them (5·{1, 3, 10})
    public const double MaxCoherence = 50;

    private readonly RandomStream _rng = new(seed);

    public int Units { get; } = units;
    public int Samples { get; } = samples;
    public static int Variable(int unit) => unit % 4;
    public int Amplitude(int unit) => unit < Units / 2 ? 1 : -1;

    public sealed record Trial(int Context, double Motion, double Colour, int Choice, bool Correct, float[] Rates);

    public IEnumerable<Trial> Trials(int repeats)
    {
        foreach (int context in new[] { 1, -1 })
            foreach (int m in Coherences)
                foreach (int c in Coherences)
                    for (int rep = 0; rep < repeats; rep++)
                    {
                        double relevant = context == 1 ? m : c;
                        bool correct = _rng.NextDouble() < 0.8;
                        int choice = (relevant > 0) == correct ? 0 : 1;
                        double[] variables = [choice == 0 ? 1 : -1, m / MaxCoherence, c / MaxCoherence, context];
                        var r = new float[Samples * Units];
                        for (int t = 0; t < Samples; t++)
                            for (int i = 0; i < Units; i++)
                                r[t * Units + i] = (float)(1 + 0.5 * t + 0.5 * Amplitude(i) * variables[Variable(i)] + 0.05 * _rng.NextNormal());
                        yield return new Trial(context, m, c, choice, correct, r);
                    }
    }
}
