using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Psychometric;
using EiRnn.Core.Random;
using MathNet.Numerics.Distributions;

namespace EiRnn.Analysis.Tests.Perturbation;

[TestClass]
public sealed class PerturbationEffectsTests
{
    private static readonly double[] Coherence = [-51.2, -25.6, -12.8, -6.4, -3.2, 0, 3.2, 6.4, 12.8, 25.6, 51.2];

    /// <summary>Trials with choices from Φ((x − μ)/σ) (output 0 = choice 1 = correct for x &gt; 0) and correct RTs ~ N(rt, 50).</summary>
    private static BehaviourSummary Simulate(double mu, double sigma, double rt, int perCondition, ulong seed)
    {
        var rng = new RandomStream(seed);
        var table = new BehaviourTable();
        foreach (double x in Coherence)
            for (int n = 0; n < perCondition; n++)
            {
                int choice = rng.NextDouble() < Normal.CDF(mu, sigma, x) ? 0 : 1;
                bool? correct = x == 0 ? null : (choice == 0) == (x > 0);
                table.Add(new TrialBehaviour(x, choice, correct, rng.Normal(rt, 50)));
            }
        return table.ToSummary();
    }

    /// <summary>Expected accuracy over the non-zero coherences, from the generating curve.</summary>
    private static double ExpectedAccuracy(double mu, double sigma) =>
        Coherence.Where(x => x != 0).Average(x => x > 0 ? Normal.CDF(mu, sigma, x) : 1 - Normal.CDF(mu, sigma, x));

    [TestMethod]
    public void KnownShiftsLieInsideTheirIntervals()
    {
        var control = Simulate(0, 10, 400, 1000, 1);
        var perturbed = Simulate(5, 20, 450, 1000, 2);
        var effect = PerturbationEffects.Compare("lesion", control, perturbed, new PsychometricOptions { BootstrapResamples = 300 }, new RandomStream(3));

        Assert.IsTrue(effect.BiasShift.Contains(5), $"Δμ {effect.BiasShift}");
        Assert.IsTrue(effect.ThresholdShift.Contains(10), $"Δσ {effect.ThresholdShift}");
        Assert.IsTrue(effect.MeanRtShiftMs!.Value.Contains(50), $"ΔRT {effect.MeanRtShiftMs}");
        double trueAccuracyChange = ExpectedAccuracy(5, 20) - ExpectedAccuracy(0, 10);
        Assert.IsTrue(effect.AccuracyChange.Contains(trueAccuracyChange), $"Δacc {effect.AccuracyChange} vs {trueAccuracyChange}");
        Assert.IsFalse(effect.AccuracyChange.Contains(0), "a halved slope must lower accuracy detectably");
        // Interval widths are sane: accuracy SE ≈ sqrt(p(1−p)/10000)·√2 ≈ 0.006 → width ≈ 0.025.
        Assert.IsTrue(effect.AccuracyChange.Width is > 0.01 and < 0.05, $"{effect.AccuracyChange.Width}");
        Assert.IsTrue(effect.MeanRtShiftMs!.Value.Width is > 1 and < 10, $"{effect.MeanRtShiftMs!.Value.Width}");
    }

    [TestMethod]
    public void ControlAgainstItselfHasZeroEffects()
    {
        var control = Simulate(1, 12, 400, 300, 4);
        var effect = PerturbationEffects.Compare("none", control, control, new PsychometricOptions { BootstrapResamples = 200 }, new RandomStream(5));
        Assert.AreEqual(0, effect.AccuracyChange.Value);
        Assert.AreEqual(0, effect.BiasShift.Value);
        Assert.AreEqual(0, effect.MeanRtShiftMs!.Value.Value);
        Assert.IsTrue(effect.AccuracyChange.Contains(0) && effect.BiasShift.Contains(0) && effect.ThresholdShift.Contains(0));
    }
}
