using EiRnn.Analysis.Selectivity;

namespace EiRnn.Analysis.Figures;

/// <summary>Recurrent weights among the most selective units, sorted by d′ (docs/analysis.md#connectivity-sorted-by-selectivity, [P] Fig 3).</summary>
public static class ConnectivityFigure
{
    public static void Save(string path, SortedConnectivity sorted)
    {
        int k = sorted.Units.Count;
        var plot = FigureCanvas.Create("Recurrent weights, units sorted by choice selectivity d′",
            "Presynaptic unit (E then I, d′ descending)", "Postsynaptic unit");
        var w = sorted.WRec.ToArray();
        double max = Math.Max(1e-12, w.Cast<double>().Max(Math.Abs));
        var map = plot.Add.Heatmap(w);
        map.Colormap = new ScottPlot.Colormaps.Balance();
        map.ManualRange = new ScottPlot.Range(-max, max);
        // Cell (i, j) centred on (j, i); the y axis is inverted below so that row 0 is at the top, like a
        // printed matrix, and ScottPlot then needs the rows flipped to match the inverted axis.
        map.Extent = new ScottPlot.CoordinateRect(-0.5, k - 0.5, k - 0.5, -0.5);
        map.FlipVertically = true;
        var bar = plot.Add.ColorBar(map);
        bar.Label = "W_rec (a.u.)";
        if (sorted.ExcitatoryShown > 0 && sorted.InhibitoryShown > 0)
        {
            double edge = sorted.ExcitatoryShown - 0.5;
            plot.Add.VerticalLine(edge, 1.5f, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
            plot.Add.HorizontalLine(edge, 1.5f, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < k; i++)
            if (k <= 30 || i % 5 == 0) ticks.AddMajor(i, sorted.Units[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimits(-0.5, k - 0.5, k - 0.5, -0.5);
        plot.Grid.IsVisible = false;
        FigureCanvas.Save(plot, path, 760, 660);
    }
}
