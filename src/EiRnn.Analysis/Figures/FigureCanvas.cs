using ScottPlot;
using EiRnn.Core.Io;

namespace EiRnn.Analysis.Figures;

/// <summary>Shared look of every figure: size, fonts, a colour-blind-safe palette (Okabe–Ito), PNG output.</summary>
internal static class FigureCanvas
{
    public const int Width = 720, Height = 520;

    private static readonly Color[] Palette =
        new[] { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000" }
        .Select(h => Color.FromHex(h)).ToArray();

    public static Color ColourOf(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 14);
        plot.YLabel(yLabel, size: 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    public static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        CreateFolderOf(path);
        SafeFile.Guard("write", path, () => plot.SavePng(path, width, height));
    }

    /// <summary>Saves several plots as panels of one PNG, placed by <paramref name="layout"/> (e.g. a 2 × 2 grid, rows).</summary>
    public static void SavePanels(IReadOnlyList<Plot> panels, IMultiplotLayout layout, string path, int width, int height)
    {
        var figure = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1)) figure.AddPlot(panel);
        figure.Layout = layout;
        CreateFolderOf(path);
        SafeFile.Guard("write", path, () => figure.SavePng(path, width, height));
    }

    private static void CreateFolderOf(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) SafeFile.CreateDirectory(dir);
    }

    /// <summary>Marks-only scatter series.</summary>
    public static ScottPlot.Plottables.Scatter Points(Plot plot, double[] xs, double[] ys, Color colour, string? legend = null, float size = 8)
    {
        var s = plot.Add.ScatterPoints(xs, ys, colour);
        s.MarkerSize = size;
        if (legend is not null) s.LegendText = legend;
        return s;
    }

    /// <summary>Line-only series.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color colour, string? legend = null, float width = 2,
        LinePattern? pattern = null)
    {
        var s = plot.Add.ScatterLine(xs, ys, colour);
        s.LineWidth = width;
        if (pattern is LinePattern p) s.LinePattern = p;
        if (legend is not null) s.LegendText = legend;
        return s;
    }

    /// <summary>Asymmetric vertical error bars from lower/upper values.</summary>
    public static void ErrorBars(Plot plot, double[] xs, double[] ys, double[] lower, double[] upper, Color colour)
    {
        var bars = plot.Add.ErrorBar(xs, ys, ys.Select((y, i) => y - lower[i]).ToArray());
        bars.YErrorPositive = ys.Select((y, i) => upper[i] - y).ToArray();
        bars.YErrorNegative = ys.Select((y, i) => y - lower[i]).ToArray();
        bars.Color = colour;
        bars.LineWidth = 1.5f;
    }

    /// <summary>Tick labels for a log10-transformed axis at the given data values.</summary>
    public static void LogTicks(ScottPlot.IAxis axis, IEnumerable<double> values, string format = "G3")
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double v in values.Where(v => v > 0).Distinct()) ticks.AddMajor(Math.Log10(v), v.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
        axis.TickGenerator = ticks;
    }
}
