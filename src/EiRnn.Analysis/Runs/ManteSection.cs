using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Report;
using EiRnn.Core.Errors;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// The regression subspace of docs/analysis.md#mante-regression-subspace (targeted dimensionality reduction): the four orthogonalised task
/// axes per active unit, the correct-trial condition averages projected on them, and the state-space figure
/// of Mante et al. Fig. 5 ([P] Fig 5).
/// </summary>
internal static class ManteSection
{
    private static readonly string[] AxisNames = ["choice", "motion", "colour", "context"];

    public static void Add(RunOutput output, ManteAccumulator accumulator)
    {
        ManteRegression mante;
        try { mante = accumulator.ToResult(); }
        catch (AnalysisException e) { output.Notes.Add($"No Mante regression subspace: {e.Message}."); return; }
        output.Mante = mante;

        var units = mante.ActiveUnits;
        output.PopulationTables.Add(new ResultTable("mante_axes",
        [
            ResultColumn.Of("unit", units.ToArray()),
            ResultColumn.Of("preferred_choice", units.Select(u => mante.PreferredChoice[u]).ToArray()),
            .. AxisNames.Select((name, k) => ResultColumn.Of(name, Enumerable.Range(0, units.Count).Select(a => mante.Axes[a, k]).ToArray())),
        ]));
        var rows = mante.Trajectories.SelectMany(t => Enumerable.Range(0, t.Projection.Rows).Select(k => (t, k))).ToArray();
        output.PopulationTables.Add(new ResultTable("mante_trajectories",
        [
            ResultColumn.Of("context", rows.Select(r => r.t.Context == 1 ? "motion" : "colour").ToArray()),
            ResultColumn.Of("sorted_by", rows.Select(r => r.t.SortedBy).ToArray()),
            ResultColumn.Of("choice", rows.Select(r => r.t.Choice).ToArray()),
            ResultColumn.Of("coherence", rows.Select(r => r.t.Coherence).ToArray()),
            ResultColumn.Of("trials", rows.Select(r => r.t.Trials).ToArray()),
            ResultColumn.Of("time_ms", rows.Select(r => mante.RegressionTimesMs[r.k]).ToArray()),
            .. AxisNames.Select((name, j) => ResultColumn.Of($"{name}_axis", rows.Select(r => r.t.Projection[r.k, j]).ToArray())),
        ]));

        // β^max of each task variable before orthogonalisation: how far apart the raw directions are.
        var peaks = Enumerable.Range(0, AxisNames.Length).Select(j => mante.Coefficients[j].Row(mante.MaxNormSample[j]).ToArray()).ToArray();
        static double Cos(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(y => y * y));
        var overlaps = new List<string>();
        for (int a = 0; a < AxisNames.Length; a++)
            for (int b = a + 1; b < AxisNames.Length; b++) overlaps.Add($"{AxisNames[a]}–{AxisNames[b]} {Cos(peaks[a], peaks[b]):F2}");
        int positiveChoice = peaks[0].Count(v => v > 0);
        var figure = output.Figure("mante-state-space.png",
            "Correct-trial condition averages over the stimulus period projected on the orthogonalised task axes; rows: motion and colour context; " +
            "left: sorted by motion (choice vs motion axis), right: sorted by colour (choice vs colour axis). Dashed: negative coherence; filled end marker: choice 1.",
            path => DynamicsFigures.SaveManteStateSpace(path, mante));
        output.Sections.Add(new ReportSection("Regression subspace (Mante et al.)",
        [
            $"Linear regression of each active unit's z-scored rate on 11 task regressors at {mante.RegressionTimesMs.Count} stimulus-period samples " +
            $"({mante.Trials} trials, correct and error; {units.Count} active units), denoised with the first {mante.DenoisingComponents} principal axes of " +
            "the condition averages, then the peak-norm coefficient vectors of choice, motion, colour and context orthogonalised by QR (docs/analysis.md#mante-regression-subspace).",
            $"Peak times: {string.Join(", ", AxisNames.Select((n, j) => $"{n} {mante.RegressionTimesMs[mante.MaxNormSample[j]]:F0} ms"))}. " +
            $"Cosines between the raw peak vectors: {string.Join(", ", overlaps)}.",
            $"Choice coefficients (preferred-choice frame) positive for {positiveChoice} of {units.Count} active units ([P]: almost all). " +
            "Tables: tables/mante_axes.parquet, tables/mante_trajectories.parquet.",
        ], [], [figure]));
    }
}
