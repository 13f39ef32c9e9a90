using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Library;

/// <summary>
/// The PsychRNN time grid (docs/tasks.md#time-grids, docs/tasks.md#task-contract): a trial of T ms has ceil(T/dt) samples and the trial
/// function is evaluated at t = k·dt for sample k. Epochs are written as PsychRNN's inequalities on t;
/// <see cref="Period"/> turns them into the samples they select, stored in the frame of docs/model.md#time-indexing
/// (sample k at (k+1)·dt), so that <see cref="Contract.Period.Contains"/> selects exactly those samples.
/// Random durations are not floored: PsychRNN draws them continuously (docs/tasks.md#perceptual-discrimination).
/// </summary>
internal static class PsychRnnGrid
{
    public static int Steps(double trialMs, float dtMs)
    {
        if (dtMs <= 0 || !float.IsFinite(dtMs)) throw new TaskException($"dt must be > 0 ms, got {dtMs}");
        return (int)Math.Ceiling(trialMs / dtMs - 1e-9);
    }

    /// <summary>The samples k (0 ≤ k &lt; steps) with lo &lt;(=) k·dt &lt;(=) hi, as a period in the frame of docs/model.md#time-indexing.
    /// An empty selection gives an empty period (start = end).</summary>
    public static Period Period(string name, double lo, bool loInclusive, double hi, bool hiInclusive, float dtMs, int steps)
    {
        int first = 0;
        while (first < steps && !(loInclusive ? first * (double)dtMs >= lo : first * (double)dtMs > lo)) first++;
        int last = first - 1;
        while (last + 1 < steps && (hiInclusive ? (last + 1) * (double)dtMs <= hi : (last + 1) * (double)dtMs < hi)) last++;
        return last < first ? new Period(name, first * (double)dtMs, first * (double)dtMs) : new Period(name, first * (double)dtMs, (last + 1) * (double)dtMs);
    }

    /// <summary>Adds independent N(0, std²) task noise to every input channel (PsychRNN tasks' own noise).</summary>
    public static void AddNoise(Span<float> input, double std, RandomStream rng)
    {
        for (int i = 0; i < input.Length; i++) input[i] += (float)(std * rng.NextNormal());
    }

    public static void CheckTrialMs(string task, double trialMs, double minimumMs)
    {
        if (!(trialMs >= minimumMs) || !double.IsFinite(trialMs))
            throw new ConfigException("trial_ms", $"must be >= {minimumMs} ms for task {task}, got {trialMs}");
    }
}
