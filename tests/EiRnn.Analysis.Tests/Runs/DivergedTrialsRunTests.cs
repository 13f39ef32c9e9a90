using EiRnn.Analysis.Runs;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>
/// Diverged trials are left out of every analysis: a dataset with them gives exactly the results of the same
/// dataset written without them (the surviving rows alone), and a perturbation under which most trials diverge is
/// reported as diverging instead of as an accuracy change.
/// </summary>
[TestClass]
public sealed class DivergedTrialsRunTests
{
    private const int K = 40;

    private static Task<AnalysisResults> Analyse(TempFolder tmp, string name) =>
        AnalysisRun.RunAsync(new AnalysisRequest { DataDir = tmp.Sub(name), OutDir = tmp.Sub(name + "-out"), Seed = 3, BootstrapResamples = 40 });

    [TestMethod]
    [DataRow("rdm-fixed", DisplayName = "rdm-fixed: stored choices, d′ and PCA from r")]
    [DataRow("rdm-rt", DisplayName = "rdm-rt: choice and RT re-derived from z")]
    public async Task ResultsEqualThoseOfTheSurvivingTrialsAlone(string task)
    {
        using var tmp = new TempFolder();
        var shape = task == "rdm-rt" ? new SyntheticShape(Task: "rdm-rt", TSave: 90, DtSaveMs: 20, StimulusEndMs: 1800, N: 4, SaveR: true)
            : new SyntheticShape(SaveR: true);
        var data = await SyntheticRdmDataset.WriteAsync(tmp.Sub("with"), [new("control", 0, 10, DivergedPerCondition: 3), new("lesion", 8, 14, DivergedPerCondition: 1)],
            K, seed: 21, shape);
        await SyntheticRdmDataset.WriteAsync(tmp.Sub("survivors"), [new("control", 0, 10), new("lesion", 8, 14)], K, seed: 21, shape);
        var with = await Analyse(tmp, "with");
        var survivors = await Analyse(tmp, "survivors");

        CollectionAssert.AreEqual(survivors.PsychometricFits.ToArray(), with.PsychometricFits.ToArray(), "psychometric fits");
        CollectionAssert.AreEqual(survivors.Behaviour.ToArray(), with.Behaviour.ToArray(), "per-condition behaviour");
        CollectionAssert.AreEqual(survivors.Selectivity.ToArray(), with.Selectivity.ToArray(), "choice selectivity d′");
        Assert.IsTrue(with.Selectivity.Count > 0 && with.Selectivity.All(s => double.IsFinite(s.DPrime)), "d′ was computed, from finite rates");
        var (a, b) = (survivors.PerturbationEffects.Single(), with.PerturbationEffects.Single());
        Assert.AreEqual((a.AccuracyChange, a.BiasShift, a.ThresholdShift, a.MeanRtShiftMs), (b.AccuracyChange, b.BiasShift, b.ThresholdShift, b.MeanRtShiftMs));
        CollectionAssert.AreEqual(survivors.TrajectoryPca?.VarianceFraction.ToArray(), with.TrajectoryPca?.VarianceFraction.ToArray(), "PCA of the condition averages");

        // The counts the report shows, against those written: 11 conditions x per-condition diverged trials.
        Assert.AreEqual(data.Diverged["control"], with.DivergedTrials.Single(d => d.Perturbation == "control").Diverged);
        Assert.AreEqual(11 * 3, data.Diverged["control"]);
        Assert.AreEqual(11 * 1, with.DivergedTrials.Single(d => d.Perturbation == "lesion").Diverged);
        Assert.IsTrue(survivors.DivergedTrials.All(d => d.Diverged == 0));
    }

    [TestMethod]
    public async Task APerturbationUnderWhichMostTrialsDivergeIsReportedAsDiverging()
    {
        using var tmp = new TempFolder();
        // lesion: K finite + 2K diverged trials per condition, so two thirds diverge.
        var data = await SyntheticRdmDataset.WriteAsync(tmp.Sub("data"), [new("control", 0, 10), new("lesion", 0, 10, DivergedPerCondition: 2 * K)], K, seed: 4);
        var result = await Analyse(tmp, "data");

        Assert.AreEqual(0, result.PerturbationEffects.Count, "no accuracy change is reported for a perturbation that mostly diverges");
        var lesion = result.DivergedTrials.Single(d => d.Perturbation == "lesion");
        Assert.AreEqual(data.Diverged["lesion"], lesion.Diverged);
        Assert.AreEqual(2.0 / 3, lesion.Diverged / (double)(lesion.Trials - 1), 1e-12, "one catch trial per unit besides the 11 conditions");
        string html = await File.ReadAllTextAsync(result.ReportPath);
        StringAssert.Contains(html, "&#39;lesion&#39; diverges");
        StringAssert.Contains(html, "Diverged trials per perturbation");
        Assert.IsFalse(result.Notes.Any(n => n.Contains("No comparison of lesion")), "the lesion is not compared at all");
    }
}
