using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Statistics;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Perturbation;

/// <summary>
/// Behavioural effect of one perturbation relative to control (perturbed − control), each with a
/// percentile-bootstrap interval from resampling trials within each condition of both datasets
/// independently. Each interval is marginal (each statistic has its own resamples). RT is null when neither
/// dataset has correct-trial RTs.
/// </summary>
public sealed record PerturbationEffect(
    string Perturbation,
    Estimate AccuracyChange,
    Estimate BiasShift,
    Estimate ThresholdShift,
    Estimate? MeanRtShiftMs,
    PsychometricFit Control,
    PsychometricFit Perturbed,
    double ControlAccuracy,
    double PerturbedAccuracy,
    int PerturbedTrials,
    int PerturbedNoResponse);

public static class PerturbationEffects
{
    /// <param name="rng">Seeded stream; named child streams keep each statistic's draws independent of the others.</param>
    public static PerturbationEffect Compare(string perturbation, BehaviourSummary control, BehaviourSummary perturbed,
        PsychometricOptions options, RandomStream rng)
    {
        options.Validated();
        int b = options.BootstrapResamples;
        double level = options.ConfidenceLevel;
        var (fitC, muC, sigmaC) = PsychometricAnalysis.FitWithBootstrap(control.ChoiceCounts, options, rng.Derive("psychometric/control"));
        var (fitP, muP, sigmaP) = PsychometricAnalysis.FitWithBootstrap(perturbed.ChoiceCounts, options, rng.Derive("psychometric/perturbed"));

        var accRng = rng.Derive("accuracy");
        var accDiff = new double[b];
        for (int r = 0; r < b; r++) accDiff[r] = ResampledAccuracy(perturbed, accRng) - ResampledAccuracy(control, accRng);

        Estimate? rt = null;
        double rtC = MeanCorrectRt(control), rtP = MeanCorrectRt(perturbed);
        if (double.IsFinite(rtC) && double.IsFinite(rtP))
        {
            var rtRng = rng.Derive("rt");
            var rtDiff = new double[b];
            for (int r = 0; r < b; r++) rtDiff[r] = ResampledMeanRt(perturbed, rtRng) - ResampledMeanRt(control, rtRng);
            rt = PsychometricAnalysis.WithInterval(rtP - rtC, rtDiff, level);
        }

        return new PerturbationEffect(perturbation,
            PsychometricAnalysis.WithInterval(perturbed.Accuracy - control.Accuracy, accDiff, level),
            PsychometricAnalysis.WithInterval(fitP.Mu.Value - fitC.Mu.Value, Subtract(muP, muC), level),
            PsychometricAnalysis.WithInterval(fitP.Sigma.Value - fitC.Sigma.Value, Subtract(sigmaP, sigmaC), level),
            rt, fitC, fitP, control.Accuracy, perturbed.Accuracy, perturbed.Trials, perturbed.NoResponse);
    }

    private static double[] Subtract(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    private static double ResampledAccuracy(BehaviourSummary s, RandomStream rng)
    {
        long scored = 0, correct = 0;
        foreach (var c in s.Conditions)
        {
            if (c.Scored == 0) continue;
            scored += c.Scored;
            correct += BinomialDraw.Next(rng, c.Scored, (double)c.Correct / c.Scored);
        }
        return scored == 0 ? double.NaN : (double)correct / scored;
    }

    /// <summary>Mean RT of correct trials at non-zero stimulus values.</summary>
    private static double MeanCorrectRt(BehaviourSummary s)
    {
        var rts = s.Conditions.Where(c => c.Stimulus != 0).SelectMany(c => c.CorrectRtMs).ToArray();
        return rts.Length == 0 ? double.NaN : rts.Average();
    }

    private static double ResampledMeanRt(BehaviourSummary s, RandomStream rng)
    {
        double sum = 0;
        long n = 0;
        foreach (var c in s.Conditions)
        {
            if (c.Stimulus == 0) continue;
            var rts = c.CorrectRtMs;
            for (int k = 0; k < rts.Count; k++) sum += rts[rng.NextInt(rts.Count)];
            n += rts.Count;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
