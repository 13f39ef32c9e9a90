using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Trajectories;

namespace EiRnn.Analysis.Figures;

/// <summary>Population-level figures: PCA trajectories, Mante projections, Romo tuning over time.</summary>
public static class DynamicsFigures
{
    /// <summary>PC1 versus PC2 of each trial (SPEC.md §5.9).</summary>
    public static void SaveTrajectories(string path, TrajectoryPca pca, IReadOnlyList<string> trialLabels)
    {
        var plot = FigureCanvas.Create($"State space (PC1–2 explain {100 * pca.VarianceExplained(2):F0} % of variance)",
            $"PC1 ({100 * pca.VarianceFraction[0]:F1} % variance, a.u.)",
            $"PC2 ({100 * (pca.VarianceFraction.Count > 1 ? pca.VarianceFraction[1] : 0):F1} % variance, a.u.)");
        for (int t = 0; t < pca.Projections.Count; t++)
        {
            var p = pca.Projections[t];
            if (p.Columns < 2) break;
            var colour = FigureCanvas.ColourOf(t);
            double[] xs = p.Column(0).ToArray(), ys = p.Column(1).ToArray();
            FigureCanvas.Line(plot, xs, ys, colour, t < trialLabels.Count ? trialLabels[t] : $"trial {t + 1}", 1.5f);
            FigureCanvas.Points(plot, [xs[^1]], [ys[^1]], colour, size: 7);
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>Mante state-space projections for one context and sorting: choice axis versus the sorted modality's axis.</summary>
    public static void SaveManteProjection(string path, ManteRegression mante, int context, string sortedBy)
    {
        int axis = sortedBy == "motion" ? 1 : 2;
        string ctx = context == 1 ? "motion context" : "colour context";
        var plot = FigureCanvas.Create($"{ctx}: correct trials sorted by {sortedBy}", "Choice axis (a.u.)", $"{sortedBy} axis (a.u.)");
        var trajectories = mante.Trajectories.Where(t => t.Context == context && t.SortedBy == sortedBy).ToArray();
        var coherences = trajectories.Select(t => Math.Abs(t.Coherence)).Distinct().OrderBy(c => c).ToList();
        foreach (var t in trajectories)
        {
            var colour = FigureCanvas.ColourOf(coherences.IndexOf(Math.Abs(t.Coherence)));
            var line = FigureCanvas.Line(plot, t.Projection.Column(0).ToArray(), t.Projection.Column(axis).ToArray(), colour, null, 1.5f,
                t.Coherence < 0 ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid);
            line.MarkerSize = 4;
            if (t.Choice == 0 && t.Coherence > 0 || trajectories.All(o => o.Coherence <= 0)) line.LegendText = $"|c| = {Math.Abs(t.Coherence):G3}";
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>Fraction of f1-tuned units over time, with the positive/negative split (SPEC.md §5.8).</summary>
    public static void SaveRomoTuning(string path, RomoTuning tuning, RomoEpochs epochs)
    {
        var plot = FigureCanvas.Create($"Units tuned to f1 (p < {tuning.Alpha:G2})", "Time from trial start (ms)", "Fraction of units");
        double[] t = tuning.SampleTimesMs.ToArray();
        FigureCanvas.Line(plot, t, tuning.FractionTuned.ToArray(), FigureCanvas.ColourOf(7), "all tuned");
        FigureCanvas.Line(plot, t, tuning.FractionPositive.ToArray(), FigureCanvas.ColourOf(1), "positive slope");
        FigureCanvas.Line(plot, t, tuning.FractionNegative.ToArray(), FigureCanvas.ColourOf(0), "negative slope");
        foreach (double ms in new[] { epochs.F1StartMs, epochs.F1EndMs, epochs.DelayEndMs })
            plot.Add.VerticalLine(ms, 1, ScottPlot.Color.FromHex("#999999"), ScottPlot.LinePattern.Dotted);
        plot.Add.Text("f1", (epochs.F1StartMs + epochs.F1EndMs) / 2, 1.0);
        plot.Add.Text("delay", (epochs.F1EndMs + epochs.DelayEndMs) / 2, 1.0);
        plot.Axes.SetLimitsY(0, 1.08);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        FigureCanvas.Save(plot, path);
    }
}
