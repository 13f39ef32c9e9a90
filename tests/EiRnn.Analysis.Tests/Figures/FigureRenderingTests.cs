using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Figures;
using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Psychometric;
using EiRnn.Analysis.Report;
using EiRnn.Analysis.Romo;
using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Trajectories;
using EiRnn.Core.Random;
using MathNet.Numerics.Distributions;

namespace EiRnn.Analysis.Tests.Figures;

/// <summary>
/// Renders every figure from synthetic results and checks that a real PNG comes out. Set
/// EIRNN_KEEP_FIGURES=DIR to keep them for inspection.
/// </summary>
[TestClass]
public sealed class FigureRenderingTests
{
    private static string _dir = "";

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _dir = Environment.GetEnvironmentVariable("EIRNN_KEEP_FIGURES") is { Length: > 0 } keep
            ? keep : Path.Combine(Path.GetTempPath(), "eirnn-figures-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Environment.GetEnvironmentVariable("EIRNN_KEEP_FIGURES") is not { Length: > 0 }) Directory.Delete(_dir, true);
    }

    private static void AssertPng(string name)
    {
        string path = Path.Combine(_dir, name);
        var bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes.Take(4).ToArray(), name);
        Assert.IsTrue(bytes.Length > 5000, $"{name}: only {bytes.Length} bytes");
    }

    private static readonly double[] Coherence = [-51.2, -25.6, -12.8, -6.4, -3.2, 0, 3.2, 6.4, 12.8, 25.6, 51.2];

    internal static BehaviourSummary Behaviour(double mu, double sigma, double rtAt3, ulong seed, int perCondition = 300)
    {
        var rng = new RandomStream(seed);
        var table = new BehaviourTable();
        foreach (double x in Coherence)
            for (int n = 0; n < perCondition; n++)
            {
                int choice = rng.NextDouble() < Normal.CDF(mu, sigma, x) ? 0 : 1;
                bool? correct = x == 0 ? null : (choice == 0) == (x > 0);
                double rt = rtAt3 - 120 * Math.Log10(Math.Max(Math.Abs(x), 3.2) / 3.2) + rng.Normal(0, 60);
                table.Add(new TrialBehaviour(x, rng.NextDouble() < 0.02 ? null : choice, correct, rt));
            }
        return table.ToSummary();
    }

    [TestMethod]
    public void BehaviouralFiguresRender()
    {
        var control = Behaviour(0, 10, 600, 1);
        var lesion = Behaviour(4, 16, 680, 2);
        var options = new PsychometricOptions { BootstrapResamples = 200 };
        var fitC = PsychometricAnalysis.Fit(control.ChoiceCounts, options, new RandomStream(3));
        var fitL = PsychometricAnalysis.Fit(lesion.ChoiceCounts, options, new RandomStream(4));
        PsychometricFigure.Save(Path.Combine(_dir, "psychometric.png"), [("control", fitC), ("E lesion", fitL)], "Signed coherence (%)", "Choice 1 (%)");
        AssertPng("psychometric.png");

        var rt = ReactionTimeSummary.From(control);
        BehaviourFigures.SaveReactionTime(Path.Combine(_dir, "rt.png"), rt);
        BehaviourFigures.SaveReactionTimeHistogram(Path.Combine(_dir, "rt-histogram.png"), rt);
        AssertPng("rt.png"); AssertPng("rt-histogram.png");

        var dur = new DurationAccuracy();
        var rng = new RandomStream(5);
        foreach (double c in new[] { 3.2, 6.4, 12.8, 25.6, 51.2 })
            for (int n = 0; n < 400; n++)
            {
                double d = 80 + rng.Exponential(330) % 1420;
                double p = Normal.CDF(0, 1, c / 12 * Math.Sqrt(d / 300));
                dur.Add(c, d, rng.NextDouble() < p);
            }
        BehaviourFigures.SaveDurationAccuracy(Path.Combine(_dir, "duration.png"), dur.Curves());
        AssertPng("duration.png");

        var effects = new[]
        {
            PerturbationEffects.Compare("E lesion", control, lesion, options, new RandomStream(6)),
            PerturbationEffects.Compare("I stim", control, Behaviour(-2, 11, 590, 7), options, new RandomStream(8)),
        };
        foreach (var metric in Enum.GetValues<PerturbationMetric>())
        {
            PerturbationFigure.Save(Path.Combine(_dir, $"perturbation-{metric}.png"), effects, metric);
            AssertPng($"perturbation-{metric}.png");
        }
    }

    [TestMethod]
    public void NetworkFiguresRender()
    {
        var spec = TestNetworks.Spec(100, 2, 2, dale: true);
        var rng = new RandomStream(9);
        var d = Enumerable.Range(0, 100).Select(_ => rng.Normal(0, 1)).ToArray();
        var wRec = new float[100 * 100];
        for (int i = 0; i < 100; i++)
            for (int j = 0; j < 100; j++)
                if (i != j) wRec[i * 100 + j] = (float)((j < 80 ? 1 : -2) * Math.Max(0, 0.1 + 0.1 * d[i] * d[j] * (j < 80 ? 1 : -1) + 0.05 * rng.NextNormal()));
        var w = TestNetworks.Weights(spec, wRec, new float[200]);
        ConnectivityFigure.Save(Path.Combine(_dir, "connectivity.png"), SelectivitySortedConnectivity.Build(spec, w, d));
        AssertPng("connectivity.png");

        // Three "sequences" tracing loops in a 2-D latent space embedded in 10 units.
        var trials = Enumerable.Range(0, 3).Select(s =>
        {
            var r = new float[200 * 10];
            for (int t = 0; t < 200; t++)
            {
                double a = Math.Cos(t / 30.0 + s), b = Math.Sin(t / 30.0) * (1 + s * 0.3);
                for (int i = 0; i < 10; i++) r[t * 10 + i] = (float)(1 + a * Math.Cos(i) + b * Math.Sin(i) + 0.05 * rng.NextNormal());
            }
            return r;
        }).ToArray();
        DynamicsFigures.SaveTrajectories(Path.Combine(_dir, "pca.png"), TrajectoryPcaAnalysis.Compute(trials, 10), ["sequence 1", "sequence 2", "sequence 3"]);
        AssertPng("pca.png");

        const int units = 40, samples = 200;
        var times = Enumerable.Range(1, samples).Select(k => 20.0 * k).ToArray();
        var acc = new RomoTuningAccumulator(units, samples);
        foreach (double f1 in new[] { 10.0, 14, 18, 22, 26, 30, 34 })
            for (int rep = 0; rep < 5; rep++)
            {
                var r = new float[samples * units];
                for (int t = 0; t < samples; t++)
                    for (int i = 0; i < units; i++)
                    {
                        double gain = times[t] > 500 && times[t] <= 1000 ? 1 : times[t] > 1000 && times[t] <= 4000 ? Math.Cos(i + times[t] / 1000) : 0;
                        r[t * units + i] = (float)(1 + 0.02 * gain * (f1 - 22) * (i % 3 == 0 ? -1 : 1) + 0.1 * rng.NextNormal());
                    }
                acc.Add(f1, f1 + (rep % 2 == 0 ? 8 : -8), true, r);
            }
        var epochs = new RomoEpochs(500, 1000, 4000);
        DynamicsFigures.SaveRomoTuning(Path.Combine(_dir, "romo-tuning.png"), acc.ToResult(times, epochs), epochs);
        AssertPng("romo-tuning.png");

        string csv = Path.Combine(_dir, "learning-curve.csv");
        File.WriteAllLines(csv, new[] { "trials,validation_cost,performance" }
            .Concat(Enumerable.Range(1, 40).Select(k => $"{k * 2000},{0.5 * Math.Exp(-k / 10.0) + 0.02},{50 + 45 * (1 - Math.Exp(-k / 8.0))}")));
        LearningCurveFigure.Save(Path.Combine(_dir, "learning-curve.png"), LearningCurve.Read(csv), "Validation performance (% correct)", 85);
        AssertPng("learning-curve.png");
    }

    [TestMethod]
    public void WilsonIntervalMatchesAHandComputation()
    {
        // k = 8, n = 10, z = 1.96: centre = (0.8 + 0.19208)/1.38416 = 0.71674, half = 1.96·sqrt(0.016 + 0.009604)/1.38416 = 0.22658.
        var (lo, hi) = PsychometricFigure.Wilson(8, 10);
        Assert.AreEqual(0.71674 - 0.22658, lo, 2e-5);
        Assert.AreEqual(0.71674 + 0.22658, hi, 2e-5);
    }

    [TestMethod]
    public void LearningCurveCsvErrorsNameTheProblem()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(csv, ["trials,cost,performance", "1,2,3"]);
        var e = Assert.ThrowsExactly<Core.Errors.AnalysisException>(() => LearningCurve.Read(csv));
        StringAssert.Contains(e.Message, "validation_cost");
    }
}
