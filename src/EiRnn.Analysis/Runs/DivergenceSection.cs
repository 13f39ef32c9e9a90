using System.Globalization;
using EiRnn.Analysis.Report;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// How many trials of each perturbation diverged (outputs or state overflowed) and were left out of every
/// analysis; a perturbation under which most trials diverge is said to diverge, and gets no accuracy change.
/// </summary>
internal static class DivergenceSection
{
    public static void Add(RunOutput output, IReadOnlyList<PerturbationScan> scans)
    {
        long diverged = scans.Sum(s => s.DivergedTrials), all = scans.Sum(s => s.Trials + s.DivergedTrials);
        var paragraphs = new List<string>
        {
            diverged == 0
                ? "No trial diverged: every trial's outputs and observed states stayed finite."
                : $"{diverged} of {all} trials diverged (a non-finite output, rate or state inside the trial) and are left out of every analysis below.",
        };
        foreach (var s in scans.Where(s => s.MostlyDiverged))
            paragraphs.Add($"'{s.Perturbation}' diverges: {Percent(s.DivergedFraction)} of its trials overflowed, so the network does not perform the task under it; " +
                           "no accuracy or psychometric change is reported for it.");
        var table = new ReportTable("Diverged trials per perturbation (left out of every analysis)",
            ["Perturbation", "Trials", "Diverged", "Diverged (%)"],
            scans.Select(s => (IReadOnlyList<string>)[s.Perturbation, (s.Trials + s.DivergedTrials).ToString(CultureInfo.InvariantCulture),
                s.DivergedTrials.ToString(CultureInfo.InvariantCulture), Percent(s.DivergedFraction)]).ToArray());
        output.Sections.Add(new ReportSection("Diverged trials", paragraphs, [table], []));
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
