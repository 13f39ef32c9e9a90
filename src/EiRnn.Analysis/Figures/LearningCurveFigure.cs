using EiRnn.Analysis.Report;

namespace EiRnn.Analysis.Figures;

/// <summary>Performance (left axis) and validation cost (right axis) versus trials trained ([P] Fig 9).</summary>
public static class LearningCurveFigure
{
    /// <param name="performanceLabel">E.g. "Validation performance (% correct)"; performance is plotted as stored.</param>
    /// <param name="criterion">Drawn as a dotted line when given.</param>
    public static void Save(string path, LearningCurve curve, string performanceLabel = "Validation performance", double? criterion = null)
    {
        var plot = FigureCanvas.Create("Learning curve", "Trials trained (×10⁴)", performanceLabel);
        double[] xs = curve.Points.Select(p => p.Trials / 1e4).ToArray();
        FigureCanvas.Line(plot, xs, curve.Points.Select(p => p.Performance).ToArray(), FigureCanvas.ColourOf(0), "performance");
        var cost = FigureCanvas.Line(plot, xs, curve.Points.Select(p => p.ValidationCost).ToArray(), FigureCanvas.ColourOf(1), "validation cost (right axis)", 1.5f);
        cost.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Validation cost (a.u.)";
        plot.Axes.Right.Label.FontSize = 14;
        if (criterion is double c) plot.Add.HorizontalLine(c, 1, ScottPlot.Color.FromHex("#777777"), ScottPlot.LinePattern.Dotted).LegendText = "criterion";
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>The performance curves of several runs of one task (e.g. seeds, [P] Fig 9) on one axis, one colour each.</summary>
    public static void SaveOverlay(string path, IReadOnlyList<(string Label, LearningCurve Curve)> runs,
        string performanceLabel = "Validation performance", double? criterion = null)
    {
        var plot = FigureCanvas.Create("Learning curves", "Trials trained (×10⁴)", performanceLabel);
        for (int i = 0; i < runs.Count; i++)
        {
            var points = runs[i].Curve.Points;
            FigureCanvas.Line(plot, points.Select(p => p.Trials / 1e4).ToArray(), points.Select(p => p.Performance).ToArray(),
                FigureCanvas.ColourOf(i), runs[i].Label);
        }
        if (criterion is double c) plot.Add.HorizontalLine(c, 1, ScottPlot.Color.FromHex("#777777"), ScottPlot.LinePattern.Dotted).LegendText = "criterion";
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        FigureCanvas.Save(plot, path);
    }
}
