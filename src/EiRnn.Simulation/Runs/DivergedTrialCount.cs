using EiRnn.Data;

namespace EiRnn.Simulation.Runs;

/// <summary>Diverged trials of one perturbation among the trials simulated by this run (units skipped on resume are not counted).</summary>
public sealed record DivergedTrialCount(string Perturbation, long Diverged, long Trials);

/// <summary>Counts diverged trials per perturbation as blocks are simulated, in the order perturbations first appear.</summary>
public sealed class DivergedTrialTally
{
    private readonly List<(string Perturbation, long Diverged, long Trials)> _counts = [];

    public void Add(string perturbation, TrialChunk chunk)
    {
        long diverged = chunk.Outcomes.Count(o => o.Diverged);
        int at = _counts.FindIndex(c => c.Perturbation == perturbation);
        if (at < 0) _counts.Add((perturbation, diverged, chunk.Count));
        else _counts[at] = (perturbation, _counts[at].Diverged + diverged, _counts[at].Trials + chunk.Count);
    }

    public IReadOnlyList<DivergedTrialCount> Counts => _counts.Select(c => new DivergedTrialCount(c.Perturbation, c.Diverged, c.Trials)).ToArray();

    /// <summary>The line `simulate` and `sweep` print: e.g. "diverged: lesion-all-I 20/40 trials", or that none diverged.</summary>
    public static string Format(IReadOnlyList<DivergedTrialCount> counts)
    {
        var some = counts.Where(c => c.Diverged > 0).ToArray();
        long trials = counts.Sum(c => c.Trials);
        return some.Length == 0
            ? $"diverged: none of the {trials:N0} trials simulated now (every output and observed state stayed finite)"
            : "diverged: " + string.Join(", ", some.Select(c => $"{c.Perturbation} {c.Diverged}/{c.Trials} trials")) +
              " (choice, correct and rt_ms are null for them; analyses leave them out)";
    }
}
