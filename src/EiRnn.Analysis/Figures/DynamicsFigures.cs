using EiRnn.Analysis.Mante;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Trajectories;

namespace EiRnn.Analysis.Figures;

/// <summary>How one trajectory is drawn: palette index and whether its line is dashed.</summary>
public readonly record struct TrajectoryStyle(int Colour, bool Dashed);

/// <summary>Population-level figures: PCA trajectories, Mante projections, Romo tuning over time.</summary>
public static class DynamicsFigures
{
    /// <summary>
    /// PC1 versus PC2 of each trial or condition average (docs/analysis.md#trajectory-pca); an open marker at the start, a filled one at
    /// the end. <paramref name="styles"/> (optional, one per trajectory) picks the colour and dashes, e.g. colour by
    /// |coherence| and dashes for negative coherence.
    /// </summary>
    public static void SaveTrajectories(string path, TrajectoryPca pca, IReadOnlyList<string> trialLabels, IReadOnlyList<TrajectoryStyle>? styles = null,
        string? title = null)
    {
        var plot = FigureCanvas.Create(title ?? $"State space (PC1–2 explain {100 * pca.VarianceExplained(2):F0} % of variance)",
            $"PC1 ({100 * pca.VarianceFraction[0]:F1} % variance, a.u.)",
            $"PC2 ({100 * (pca.VarianceFraction.Count > 1 ? pca.VarianceFraction[1] : 0):F1} % variance, a.u.)");
        for (int t = 0; t < pca.Projections.Count; t++)
        {
            var p = pca.Projections[t];
            if (p.Columns < 2) break;
            var style = styles is not null && t < styles.Count ? styles[t] : new TrajectoryStyle(t, false);
            var colour = FigureCanvas.ColourOf(style.Colour);
            double[] xs = p.Column(0).ToArray(), ys = p.Column(1).ToArray();
            FigureCanvas.Line(plot, xs, ys, colour, t < trialLabels.Count ? trialLabels[t] : $"trial {t + 1}", 1.5f,
                style.Dashed ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid);
            FigureCanvas.Points(plot, [xs[0]], [ys[0]], colour, size: 7).MarkerShape = ScottPlot.MarkerShape.OpenCircle;
            FigureCanvas.Points(plot, [xs[^1]], [ys[^1]], colour, size: 7);
        }
        if (pca.Projections.Count <= 16) plot.ShowLegend(ScottPlot.Edge.Right);
        FigureCanvas.Save(plot, path, pca.Projections.Count <= 16 ? FigureCanvas.Width + 160 : FigureCanvas.Width);
    }

    /// <summary>Fraction of variance per principal component (bars) and cumulative (line), first <paramref name="components"/>.</summary>
    public static void SavePcaVariance(string path, TrajectoryPca pca, int components = 10)
    {
        int k = Math.Min(components, pca.VarianceFraction.Count);
        var plot = FigureCanvas.Create($"Variance explained ({pca.ActiveUnits.Count} active units)", "Principal component", "Variance explained (%)");
        double[] pcs = Enumerable.Range(1, k).Select(c => (double)c).ToArray();
        var bars = plot.Add.Bars(pcs, pca.VarianceFraction.Take(k).Select(f => 100 * f).ToArray());
        foreach (var bar in bars.Bars) { bar.FillColor = FigureCanvas.ColourOf(0); bar.LineWidth = 0; }
        bars.LegendText = "per component";
        double cumulative = 0;
        var line = FigureCanvas.Line(plot, pcs, pca.VarianceFraction.Take(k).Select(f => 100 * (cumulative += f)).ToArray(), FigureCanvas.ColourOf(1), "cumulative");
        line.MarkerSize = 6;
        plot.Axes.SetLimitsY(0, 105);
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>
    /// Mante et al. Fig. 5 / [P] Fig 5: correct-trial condition averages projected on the task axes, one row per
    /// context; left, trials sorted by motion on the choice and motion axes; right, sorted by colour on the choice
    /// and colour axes. Colour = |coherence|, dashed = negative coherence, filled marker = end of the stimulus.
    /// </summary>
    public static void SaveManteStateSpace(string path, ManteRegression mante)
    {
        var panels = new List<ScottPlot.Plot>();
        foreach (int context in new[] { 1, -1 })
            foreach (string sortedBy in new[] { "motion", "colour" })
                panels.Add(ManteProjection(mante, context, sortedBy));
        FigureCanvas.SavePanels(panels, new ScottPlot.MultiplotLayouts.Grid(2, 2), path, 2 * FigureCanvas.Width, 2 * FigureCanvas.Height);
    }

    private static ScottPlot.Plot ManteProjection(ManteRegression mante, int context, string sortedBy)
    {
        int axis = sortedBy == "motion" ? 1 : 2;
        string ctx = context == 1 ? "Motion context" : "Colour context";
        var plot = FigureCanvas.Create($"{ctx}: sorted by {sortedBy}", "Choice axis (a.u.)", $"{char.ToUpperInvariant(sortedBy[0])}{sortedBy[1..]} axis (a.u.)");
        var trajectories = mante.Trajectories.Where(t => t.Context == context && t.SortedBy == sortedBy).ToArray();
        var magnitudes = trajectories.Select(t => Math.Abs(t.Coherence)).Distinct().OrderBy(c => c).ToList();
        var labelled = new HashSet<double>();
        foreach (var t in trajectories)
        {
            var colour = FigureCanvas.ColourOf(magnitudes.IndexOf(Math.Abs(t.Coherence)));
            double[] xs = t.Projection.Column(0).ToArray(), ys = t.Projection.Column(axis).ToArray();
            var line = FigureCanvas.Line(plot, xs, ys, colour, null, 1.5f, t.Coherence < 0 ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid);
            if (labelled.Add(Math.Abs(t.Coherence))) line.LegendText = $"|{sortedBy}| = {Math.Abs(t.Coherence):G3} %";
            FigureCanvas.Points(plot, [xs[^1]], [ys[^1]], colour, size: t.Choice == 0 ? 8 : 6).MarkerShape =
                t.Choice == 0 ? ScottPlot.MarkerShape.FilledCircle : ScottPlot.MarkerShape.OpenCircle;
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return plot;
    }

    /// <summary>
    /// Fraction of tuned units over time (p &lt; α, split by slope sign): top, f1 (docs/analysis.md#romo-tuning); bottom, when the joint
    /// f1/f2 regression exists, f2 and the units tuned to both with equal or opposite signs.
    /// </summary>
    public static void SaveRomoTuning(string path, RomoTuning tuning, RomoEpochs epochs)
    {
        double[] t = tuning.SampleTimesMs.ToArray();
        var f1 = RomoPanel($"Units tuned to f1 (p < {tuning.Alpha:G2})", epochs);
        FigureCanvas.Line(f1, t, tuning.FractionTuned.ToArray(), FigureCanvas.ColourOf(7), "all tuned");
        FigureCanvas.Line(f1, t, tuning.FractionPositive.ToArray(), FigureCanvas.ColourOf(1), "positive slope");
        FigureCanvas.Line(f1, t, tuning.FractionNegative.ToArray(), FigureCanvas.ColourOf(0), "negative slope");
        f1.ShowLegend(ScottPlot.Edge.Right);
        if (tuning.F2 is not { } f2Tuning) { FigureCanvas.Save(f1, path); return; }
        var f2 = RomoPanel($"Units tuned to f2 in r = b0 + b1·f1 + b2·f2 ({f2Tuning.Conditions} conditions)", epochs);
        FigureCanvas.Line(f2, t, f2Tuning.FractionTuned.ToArray(), FigureCanvas.ColourOf(7), "f2 tuned");
        FigureCanvas.Line(f2, t, f2Tuning.FractionPositive.ToArray(), FigureCanvas.ColourOf(1), "b2 > 0");
        FigureCanvas.Line(f2, t, f2Tuning.FractionNegative.ToArray(), FigureCanvas.ColourOf(0), "b2 < 0");
        FigureCanvas.Line(f2, t, f2Tuning.FractionSameSign.ToArray(), FigureCanvas.ColourOf(2), "f1 and f2, same sign", 1.5f, ScottPlot.LinePattern.Dashed);
        FigureCanvas.Line(f2, t, f2Tuning.FractionOppositeSign.ToArray(), FigureCanvas.ColourOf(3), "f1 and f2, opposite signs", 1.5f, ScottPlot.LinePattern.Dashed);
        f2.ShowLegend(ScottPlot.Edge.Right);
        FigureCanvas.SavePanels([f1, f2], new ScottPlot.MultiplotLayouts.Rows(), path, FigureCanvas.Width + 200, 2 * FigureCanvas.Height);
    }

    private static ScottPlot.Plot RomoPanel(string title, RomoEpochs epochs)
    {
        var plot = FigureCanvas.Create(title, "Time from trial start (ms)", "Fraction of units");
        var marks = new List<(double Start, double End, string Name)> { (epochs.F1StartMs, epochs.F1EndMs, epochs.Labels.First), (epochs.F1EndMs, epochs.DelayEndMs, epochs.Labels.Memory) };
        if (epochs.F2EndMs is double f2End) marks.Add((epochs.DelayEndMs, f2End, epochs.Labels.Second));
        foreach (var (start, end, name) in marks)
        {
            plot.Add.VerticalLine(end, 1, ScottPlot.Color.FromHex("#999999"), ScottPlot.LinePattern.Dotted);
            plot.Add.Text(name, (start + end) / 2, 1.0);
        }
        plot.Add.VerticalLine(epochs.F1StartMs, 1, ScottPlot.Color.FromHex("#999999"), ScottPlot.LinePattern.Dotted);
        plot.Axes.SetLimitsY(0, 1.08);
        return plot;
    }

    /// <summary>
    /// Joint-regression coefficients b1 (f1) versus b2 (f2) of every unit at the middle of f2: units tuned to both lie
    /// off the axes, in the same-sign quadrants (sum) or the opposite-sign quadrants (difference, the decision).
    /// </summary>
    public static void SaveRomoCoefficients(string path, RomoTuning tuning)
    {
        if (tuning.F2 is not { } f2) throw new Core.Errors.AnalysisException("the joint f1/f2 regression is not defined for these conditions");
        int t = f2.MidF2Sample;
        var plot = FigureCanvas.Create($"f1 and f2 coefficients at {tuning.SampleTimesMs[t]:F0} ms (middle of f2)", "b1 (f1 coefficient, a.u./Hz)", "b2 (f2 coefficient, a.u./Hz)");
        var groups = Enumerable.Range(0, f2.F1Slope.Columns).GroupBy(i =>
            f2.F1PValue[t, i] < tuning.Alpha && f2.F2PValue[t, i] < tuning.Alpha ? 0 : f2.F1PValue[t, i] < tuning.Alpha || f2.F2PValue[t, i] < tuning.Alpha ? 1 : 2);
        string[] names = ["tuned to f1 and f2", "tuned to one", "not tuned"];
        foreach (var g in groups.OrderBy(g => g.Key))
            FigureCanvas.Points(plot, g.Select(i => f2.F1Slope[t, i]).ToArray(), g.Select(i => f2.F2Slope[t, i]).ToArray(),
                g.Key == 2 ? ScottPlot.Color.FromHex("#BBBBBB") : FigureCanvas.ColourOf(g.Key), $"{names[g.Key]} ({g.Count()})", g.Key == 0 ? 7 : 5);
        plot.Add.HorizontalLine(0, 1, ScottPlot.Color.FromHex("#777777"));
        plot.Add.VerticalLine(0, 1, ScottPlot.Color.FromHex("#777777"));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        FigureCanvas.Save(plot, path);
    }
}
