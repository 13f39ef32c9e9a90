using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Figures;

/// <summary>Which behavioural change a perturbation figure shows.</summary>
public enum PerturbationMetric { Accuracy, Bias, Threshold, ReactionTime }

/// <summary>Perturbation effects (perturbed − control) with bootstrap intervals, one point per perturbation.</summary>
public static class PerturbationFigure
{
    public static void Save(string path, IReadOnlyList<PerturbationEffect> effects, PerturbationMetric metric, string stimulusUnit = "%")
    {
        var (title, label, pick) = metric switch
        {
            PerturbationMetric.Accuracy => ("Accuracy change", "Δ correct (percentage points)", (Func<PerturbationEffect, Estimate?>)(e => Scale(e.AccuracyChange, 100))),
            PerturbationMetric.Bias => ("Psychometric bias shift", $"Δμ ({stimulusUnit})", e => e.BiasShift),
            PerturbationMetric.Threshold => ("Psychometric threshold change", $"Δσ ({stimulusUnit})", e => e.ThresholdShift),
            _ => ("Mean reaction-time change", "Δ mean RT, correct trials (ms)", e => e.MeanRtShiftMs),
        };
        var plot = FigureCanvas.Create(title + " versus control (95 % bootstrap CI)", "Perturbation", label);
        var shown = effects.Select((e, i) => (e, i, v: pick(e))).Where(p => p.v is not null).ToArray();
        if (shown.Length > 0)
        {
            double[] xs = shown.Select(s => (double)s.i).ToArray();
            double[] ys = shown.Select(s => s.v!.Value.Value).ToArray();
            var colour = FigureCanvas.ColourOf(0);
            FigureCanvas.ErrorBars(plot, xs, ys, shown.Select(s => s.v!.Value.Lower).ToArray(), shown.Select(s => s.v!.Value.Upper).ToArray(), colour);
            FigureCanvas.Points(plot, xs, ys, colour, size: 9);
        }
        plot.Add.HorizontalLine(0, 1, ScottPlot.Color.FromHex("#777777"), ScottPlot.LinePattern.Dashed);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < effects.Count; i++) ticks.AddMajor(i, effects[i].Perturbation);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.7, effects.Count - 0.3);
        FigureCanvas.Save(plot, path, Math.Max(FigureCanvas.Width, 120 * effects.Count), FigureCanvas.Height);
    }

    private static Estimate Scale(Estimate e, double k) => new(k * e.Value, k * e.Lower, k * e.Upper);
}
