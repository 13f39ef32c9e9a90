using EiRnn.Analysis.Psychometric;

namespace EiRnn.Analysis.Figures;

/// <summary>Psychometric curves: % positive choices per condition with 95 % Wilson intervals and the fitted Φ.</summary>
public static class PsychometricFigure
{
    /// <param name="curves">Label and fit of each curve (e.g. one per context, modality or perturbation).</param>
    /// <param name="xLabel">With units, e.g. "Signed coherence (%)" or "Event rate (events/s)".</param>
    /// <param name="yLabel">E.g. "Choice 1 (%)" or "'High' choices (%)".</param>
    public static void Save(string path, IReadOnlyList<(string Label, PsychometricFit Fit)> curves, string xLabel, string yLabel, string title = "Psychometric function (fit, 95 % bootstrap CI; bars: 95 % Wilson)")
    {
        var plot = FigureCanvas.Create(title, xLabel, yLabel);
        for (int k = 0; k < curves.Count; k++)
        {
            var (label, fit) = curves[k];
            var colour = FigureCanvas.ColourOf(k);
            var pts = fit.Points.Where(p => p.Trials > 0).ToArray();
            double[] xs = pts.Select(p => p.X).ToArray();
            double[] ys = pts.Select(p => 100 * p.Proportion).ToArray();
            var ci = pts.Select(p => Wilson(p.Positive, p.Trials)).ToArray();
            FigureCanvas.ErrorBars(plot, xs, ys, ci.Select(c => 100 * c.Lower).ToArray(), ci.Select(c => 100 * c.Upper).ToArray(), colour);
            FigureCanvas.Points(plot, xs, ys, colour);
            double lo = xs.Min(), hi = xs.Max(), pad = 0.05 * (hi - lo);
            double[] grid = Enumerable.Range(0, 201).Select(i => lo - pad + (hi - lo + 2 * pad) * i / 200).ToArray();
            FigureCanvas.Line(plot, grid, grid.Select(x => 100 * fit.Curve.P(x)).ToArray(), colour,
                $"{label}: μ = {fit.Mu.Value:G3} [{fit.Mu.Lower:G3}, {fit.Mu.Upper:G3}], σ = {fit.Sigma.Value:G3} [{fit.Sigma.Lower:G3}, {fit.Sigma.Upper:G3}]");
        }
        plot.Add.HorizontalLine(50, 1, ScottPlot.Color.FromHex("#999999"), ScottPlot.LinePattern.Dotted);
        plot.Axes.SetLimitsY(-3, 103);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>95 % Wilson score interval of a binomial proportion.</summary>
    internal static (double Lower, double Upper) Wilson(int k, int n)
    {
        const double z = 1.959963984540054;
        double p = (double)k / n, denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
