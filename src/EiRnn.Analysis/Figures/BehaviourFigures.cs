using EiRnn.Analysis.Behaviour;

namespace EiRnn.Analysis.Figures;

/// <summary>Reaction-time and duration figures of docs/analysis.md#percent-correct-versus-stimulus-duration and docs/analysis.md#reaction-time.</summary>
public static class BehaviourFigures
{
    /// <summary>Mean correct-trial RT (± s.e.m.) versus coherence on a log axis.</summary>
    public static void SaveReactionTime(string path, ReactionTimeSummary rt, string coherenceLabel = "Coherence (%)")
    {
        var plot = FigureCanvas.Create("Reaction time (correct trials)", coherenceLabel + ", log scale", "Mean reaction time (ms)");
        var pts = rt.ByCoherence.Where(p => p.Coherence > 0 && p.CorrectTrials > 0).ToArray();
        double[] xs = pts.Select(p => Math.Log10(p.Coherence)).ToArray();
        double[] ys = pts.Select(p => p.MeanRtMs).ToArray();
        double[] se = pts.Select(p => double.IsFinite(p.StandardErrorMs) ? p.StandardErrorMs : 0).ToArray();
        var colour = FigureCanvas.ColourOf(0);
        FigureCanvas.ErrorBars(plot, xs, ys, ys.Zip(se, (y, s) => y - s).ToArray(), ys.Zip(se, (y, s) => y + s).ToArray(), colour);
        FigureCanvas.Line(plot, xs, ys, colour, $"mean ± s.e.m. ({pts.Sum(p => p.CorrectTrials)} correct trials; {rt.NoResponseTrials} without a crossing excluded)");
        FigureCanvas.Points(plot, xs, ys, colour);
        FigureCanvas.LogTicks(plot.Axes.Bottom, pts.Select(p => p.Coherence));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        FigureCanvas.Save(plot, path);
    }

    /// <summary>Histogram of correct-trial RTs.</summary>
    public static void SaveReactionTimeHistogram(string path, ReactionTimeSummary rt, double binMs = 50)
    {
        var plot = FigureCanvas.Create("Reaction-time distribution (correct trials)", "Reaction time (ms)", "Trials");
        if (rt.CorrectRtMs.Count > 0)
        {
            double max = rt.CorrectRtMs.Max();
            int bins = Math.Max(1, (int)Math.Ceiling((max + 1e-9) / binMs));
            var counts = new double[bins];
            foreach (double v in rt.CorrectRtMs) counts[Math.Clamp((int)(v / binMs), 0, bins - 1)]++;
            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(b => (b + 0.5) * binMs).ToArray(), counts);
            foreach (var bar in bars.Bars) { bar.Size = binMs * 0.95; bar.FillColor = FigureCanvas.ColourOf(0); bar.LineWidth = 0; }
            plot.Axes.Margins(bottom: 0);
        }
        FigureCanvas.Save(plot, path);
    }

    /// <summary>% correct versus stimulus duration, one line per coherence.</summary>
    public static void SaveDurationAccuracy(string path, IReadOnlyList<DurationCurve> curves, string coherenceUnit = "%")
    {
        var plot = FigureCanvas.Create("Accuracy versus stimulus duration", "Stimulus duration (ms)", "Correct (%)");
        for (int k = 0; k < curves.Count; k++)
        {
            var c = curves[k];
            double[] xs = c.Bins.Select(b => b.CentreMs).ToArray();
            double[] ys = c.Bins.Select(b => b.PercentCorrect).ToArray();
            FigureCanvas.Line(plot, xs, ys, FigureCanvas.ColourOf(k), $"{c.Coherence:G3} {coherenceUnit}");
            FigureCanvas.Points(plot, xs, ys, FigureCanvas.ColourOf(k), size: 6);
        }
        plot.Add.HorizontalLine(50, 1, ScottPlot.Color.FromHex("#999999"), ScottPlot.LinePattern.Dotted);
        plot.Axes.SetLimitsY(40, 102);
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        FigureCanvas.Save(plot, path);
    }
}
