using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Report;
using EiRnn.Analysis.Trajectories;
using EiRnn.Core.Errors;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Runs;

/// <summary>
/// PCA of condition-averaged trajectories (docs/analysis.md#condition-averages-and-alignment averages, docs/analysis.md#trajectory-pca recipe: active units with std &gt; 0.1
/// over all samples of all averages, each standardised): variance per component, the trajectories on PC1–3,
/// a state-space figure and a variance figure.
/// </summary>
internal static class TrajectorySection
{
    private const int Projected = 3;

    public static void Add(RunOutput output, TrajectoryPlan plan, ConditionAverageAccumulator accumulator)
    {
        var averages = accumulator.ToResult();
        if (averages.Count == 0) { output.Notes.Add("No trajectory PCA: no trial joined a condition average."); return; }
        TrajectoryPca pca;
        try { pca = TrajectoryPcaAnalysis.Compute(averages, projectOn: Projected); }
        catch (AnalysisException e) { output.Notes.Add($"No trajectory PCA: {e.Message}."); return; }
        output.Pca = pca;

        int components = pca.Eigenvalues.Count;
        double cumulative = 0;
        output.PopulationTables.Add(new ResultTable("pca_variance",
        [
            ResultColumn.Of("component", Enumerable.Range(1, components).ToArray()),
            ResultColumn.Of("eigenvalue", pca.Eigenvalues.ToArray()),
            ResultColumn.Of("fraction", pca.VarianceFraction.ToArray()),
            ResultColumn.Of("cumulative", pca.VarianceFraction.Select(f => cumulative += f).ToArray()),
        ]));
        var rows = averages.SelectMany((a, c) => Enumerable.Range(0, a.Samples).Select(t => (a, c, t))).ToArray();
        var columns = new List<ResultColumn>
        {
            ResultColumn.Of("condition", rows.Select(r => r.a.Condition).ToArray()),
            ResultColumn.Of("offset_ms", rows.Select(r => r.a.OffsetMs[r.t]).ToArray()),
            ResultColumn.Of("trials", rows.Select(r => r.a.Trials[r.t]).ToArray()),
        };
        for (int k = 0; k < pca.Components.Rows; k++)
            columns.Add(ResultColumn.Of($"pc{k + 1}", rows.Select(r => pca.Projections[r.c][r.t, k]).ToArray()));
        output.PopulationTables.Add(new ResultTable("pca_trajectories", columns));

        // Colour by group and |value| (e.g. context and |coherence|), dashes for negative values (sequence ids are all positive).
        var magnitudes = averages.Select(a => (a.Group, Math.Abs(a.Value))).Distinct().OrderBy(m => m).ToList();
        var styles = averages.Select(a => new TrajectoryStyle(magnitudes.IndexOf((a.Group, Math.Abs(a.Value))), a.Value < 0)).ToArray();
        string anchor = plan.Alignment == TrajectoryAlignment.End ? "end (crossing)" : "start";
        var figures = new List<ReportFigure>
        {
            output.Figure("pca-trajectories.png", $"Condition-averaged trajectories on PC1–2 ({plan.Description}); open marker at the window's start, filled at its end.",
                path => DynamicsFigures.SaveTrajectories(path, pca, averages.Select(a => a.Condition).ToArray(), styles,
                    $"Condition averages on PC1–2 ({100 * pca.VarianceExplained(2):F0} % of variance)")),
            output.Figure("pca-variance.png", "Variance explained by each principal component of the condition averages, and cumulative.",
                path => DynamicsFigures.SavePcaVariance(path, pca)),
        };
        var first = pca.VarianceFraction.Take(Projected).Select((f, k) => $"PC{k + 1} {100 * f:F1} %");
        output.Sections.Add(new ReportSection("Population trajectories (PCA)",
        [
            $"Condition averages: {plan.Description}; offsets from the window's {anchor}, kept while at least half of a condition's trials reach them. " +
            $"{averages.Count} conditions, {averages.Sum(a => a.Samples)} samples; {pca.ActiveUnits.Count} of {averages[0].Units} units active (std > 0.1), each standardised.",
            $"Variance explained: {string.Join(", ", first)}; PC1–2 together {100 * pca.VarianceExplained(2):F1} %, PC1–3 {100 * pca.VarianceExplained(Projected):F1} % " +
            "(tables/pca_variance.parquet, tables/pca_trajectories.parquet).",
        ], [], figures));
    }
}
