using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Tests.Runs;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Analysis.Tests.Claims;

/// <summary>
/// The claims of data/claims/pycog.json measured on synthetic datasets drawn from known curves: the control passes every claim it
/// can measure, and a deliberate break of one property turns exactly the claims about that property to ✗ (docs/reproduce.md#tests).
/// </summary>
[TestClass]
public sealed class ClaimBreakTests
{
    private static readonly IReadOnlyList<Period> Epochs = [new("fixation", 0, 300), new("stimulus", 300, 1050), new("decision", 1050, 1400)];
    private static readonly double[] Times = [350, 700, 1050, 1400];
    private static readonly int[] Codes = [0, 1, 2, 4, 8, 16];

    private static IEnumerable<(int Code, int Dir)> Signed() =>
        Codes.SelectMany(code => (code == 0 ? new[] { 1, -1 } : new[] { 1, -1 }).Select(dir => (code, dir)));

    /// <summary>mante: the choice follows the relevant coherence (Φ, σ = 8 %); the break makes the colour context follow motion.</summary>
    private static List<SyntheticTrial> Mante(bool colourContextFollowsMotion)
    {
        var rng = RandomStream.Derive(51, "test/claims/mante");
        var trials = new List<SyntheticTrial>();
        int[] codes = [1, 3, 10];
        foreach (var ctx in new[] { ManteContext.Motion, ManteContext.Colour })
            foreach (int mc in codes) foreach (int ms in new[] { 1, -1 })
                foreach (int cc in codes) foreach (int cs in new[] { 1, -1 })
                    for (int k = 0; k < 15; k++)
                    {
                        var c = new ManteCondition(ctx, mc, ms, cc, cs);
                        double followed = ctx == ManteContext.Motion || colourContextFollowsMotion ? c.MotionCoherence : c.ColourCoherence;
                        int choice = SyntheticTrials.Choose(rng, followed, 0, 8);
                        trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, choice == c.CorrectChoice, null), Epochs));
                    }
        return trials;
    }

    [TestMethod]
    public async Task ManteContextClaimsPassAndIgnoringTheColourContextFailsOnlyThatClaim()
    {
        var control = await ClaimHarness.MeasureAsync("mante", ManteCondition.Columns, Mante(false), Times, MeasureKind.IrrelevantToRelevantSlopeRatio);
        Assert.HasCount(2, control);
        ClaimHarness.ExpectOnlyFailing(control);
        var broken = await ClaimHarness.MeasureAsync("mante", ManteCondition.Columns, Mante(true), Times, MeasureKind.IrrelevantToRelevantSlopeRatio);
        ClaimHarness.ExpectOnlyFailing(broken, "mante.colour-context-selects-colour");
    }

    /// <summary>rdm-rt: Φ(c/6.4) choices; correct RT 800 − 300·log10(|c|/3.2) ms (± 50 ms), or flat at 600 ms (the break).</summary>
    private static List<SyntheticTrial> Rt(bool flatRt)
    {
        var rng = RandomStream.Derive(52, "test/claims/rdm-rt");
        var trials = new List<SyntheticTrial>();
        foreach (var (code, dir) in Signed())
            for (int k = 0; k < 150; k++)
            {
                var c = new RdmCondition(code, dir);
                int choice = SyntheticTrials.Choose(rng, c.SignedCoherence, 0, 6.4);
                double mean = code == 0 || flatRt ? 600 : 800 - 300 * Math.Log10(code);
                trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, c.CorrectChoice is int cc ? choice == cc : null, rng.Normal(mean, 50)), Epochs));
            }
        return trials;
    }

    [TestMethod]
    public async Task RtClaimsPassAndAFlatReactionTimeFailsOnlyTheRtClaim()
    {
        MeasureKind[] kinds = [MeasureKind.PositiveChoiceAtZeroEvidence, MeasureKind.PsychometricFitR2, MeasureKind.CorrectRtLogEvidenceSlope];
        var control = await ClaimHarness.MeasureAsync("rdm-rt", RdmCondition.Columns, Rt(false), Times, kinds);
        Assert.HasCount(3, control);
        ClaimHarness.ExpectOnlyFailing(control);
        var broken = await ClaimHarness.MeasureAsync("rdm-rt", RdmCondition.Columns, Rt(true), Times, kinds);
        ClaimHarness.ExpectOnlyFailing(broken, "rdm-rt.rt-falls-with-coherence");
    }

    /// <summary>rdm-variable: P(correct) = Φ(|c|·sqrt(ms/400)/6.4), durations 100–1000 ms; the break uses 400 ms for every trial's accuracy
    /// (accuracy flat in duration), which keeps the psychometric curve a cumulative Gaussian.</summary>
    private static List<SyntheticTrial> Variable(bool flatInDuration)
    {
        var rng = RandomStream.Derive(53, "test/claims/rdm-variable");
        var trials = new List<SyntheticTrial>();
        foreach (var (code, dir) in Signed())
            for (int k = 0; k < 300; k++)
            {
                double ms = 100 + 900 * rng.NextDouble();
                var c = new RdmVariableCondition(code, dir, ms);
                double effective = c.SignedCoherence * Math.Sqrt((flatInDuration ? 400 : ms) / 400);
                int choice = SyntheticTrials.Choose(rng, effective, 0, 6.4);
                IReadOnlyList<Period> epochs = [new("fixation", 0, 300), new("stimulus", 300, 300 + ms), new("decision", 300 + ms, 600 + ms)];
                trials.Add(new SyntheticTrial(c, new TrialOutcome(choice, c.CorrectChoice is int cc ? choice == cc : null, null), epochs));
            }
        return trials;
    }

    [TestMethod]
    public async Task DurationClaimsPassAndFlatAccuracyFailsOnlyTheLowCoherenceRise()
    {
        MeasureKind[] kinds = [MeasureKind.PositiveChoiceAtZeroEvidence, MeasureKind.PsychometricFitR2, MeasureKind.DurationAccuracyGain];
        var control = await ClaimHarness.MeasureAsync("rdm-variable", RdmVariableCondition.Columns, Variable(false), [500, 1000, 1500], kinds);
        Assert.HasCount(4, control);
        ClaimHarness.ExpectOnlyFailing(control);
        var broken = await ClaimHarness.MeasureAsync("rdm-variable", RdmVariableCondition.Columns, Variable(true), [500, 1000, 1500], kinds);
        ClaimHarness.ExpectOnlyFailing(broken, "rdm-variable.duration-gain-low");
    }
}
