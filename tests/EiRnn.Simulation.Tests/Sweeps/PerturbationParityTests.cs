using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Sweeps;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;
using EiRnn.TestSupport;

namespace EiRnn.Simulation.Tests.Sweeps;

/// <summary>
/// Perturbations through the compiled variant's ports (and a dedicated variant for connection lesions)
/// against the float64 reference loop with the same perturbation applied by hand, and neutral values
/// against the canonical model bit for bit. Small chunks so the lesion and stim rows cross time chunks.
/// </summary>
[TestClass]
public sealed class PerturbationParityTests
{
    private const int Trials = 5, N = 10;
    private const float Dt = 1f;
    private static readonly TrainedNetwork Net = RandomDaleNetwork.Create(71, n: N, nin: 3, nout: 2, task: "three-input-test", sigmaRec: 0.1f);
    private static readonly SimulationSettings Settings = new() { DtMs = Dt, DtSaveMs = Dt, NoiseSeed = 0, TrialsPerChunk = 3, StepsPerChunk = 37 };
    private static readonly long[] NoiseIds = Enumerable.Range(0, Trials).Select(i => 5000L + 13 * i).ToArray();
    private static string _modelPath = "";
    private static SimulationModel _model = null!;

    [ClassInitialize]
    public static void Export(TestContext _)
    {
        _modelPath = Path.Combine(Path.GetTempPath(), $"eirnn-parity-{Guid.NewGuid():N}.onnx");
        ModelExporter.Save(Net, _modelPath);
        _model = SimulationModel.Read(_modelPath);
    }

    [ClassCleanup]
    public static void Remove() => File.Delete(_modelPath);

    private static bool IsI(int unit) => Net.Spec.UnitTypes[unit] == UnitType.Inhibitory;

    /// <summary>Trials of 120..160 steps (periods "all" = the trial), padded to 160.</summary>
    private static TrialBatch Batch() =>
        new ThreeInputTask(120, 160).Forced(Enumerable.Range(0, Trials).Select(i => (ITrialCondition)new StrongestInput(i % 3)).ToArray(),
            TaskTiming.Test, Dt, new RandomStream(17)).PaddedTo(160);

    /// <summary>The file's own (batch-major) graph.</summary>
    private static TrialChunk Canonical(TrialBatch batch, SimulationSettings? settings = null)
    {
        using var session = ModelSession.Open(_model, new SessionSettings { PreferTimeMajor = false });
        Assert.AreEqual(ScanLayout.BatchMajor, session.Layout);
        using var sim = new TrialSimulator(session, new ThreeInputTask(120, 160), settings ?? Settings);
        return sim.Simulate(new TrialBlock(0, batch) { NoiseIds = NoiseIds }, CancellationToken.None);
    }

    /// <summary>The variant with every port, time-major (as sweeps run it).</summary>
    private static TrialChunk Perturbed(TrialBatch batch, ResolvedPerturbation p, SimulationSettings? settings = null)
    {
        using var sims = new VariantSimulators(Net, _model, new ThreeInputTask(120, 160), settings ?? Settings, new SessionSettings());
        var block = new TrialBlock(0, batch) { NoiseIds = NoiseIds, Ports = sims.Feeds.For(p, batch) };
        return sims.For(p).Simulate(block, CancellationToken.None);
    }

    /// <summary>The reference loop trial by trial with the runner's noise streams and a per-trial hand perturbation.</summary>
    private static (double[] Z, double[] R) Reference(TrialBatch batch, Func<int, ReferenceEuler.Perturbation?> perturbation, NetworkWeights? weights = null)
    {
        int t = batch.Steps, nin = Net.Spec.Nin;
        var z = new List<double>(); var r = new List<double>();
        for (int b = 0; b < Trials; b++)
        {
            var keys = TrialNoiseKeys.For(0, NoiseIds[b]);
            var noiseIn = new float[t * nin]; var noiseRec = new float[t * N];
            CounterNormals.Fill(keys.InputKey, 0, noiseIn);
            CounterNormals.Fill(keys.RecurrentKey, 0, noiseRec);
            var result = ReferenceEuler.Run(Net.Spec, weights ?? Net.Weights!, batch.Inputs.AsSpan(b * t * nin, t * nin).ToArray(), noiseIn, noiseRec,
                Net.Weights!.X0, 1, t, Dt, perturbation: perturbation(b));
            z.AddRange(result.Z); r.AddRange(result.R);
        }
        return (z.ToArray(), r.ToArray());
    }

    private static void AssertClose(TrialChunk got, (double[] Z, double[] R) expected, string what)
    {
        var (okZ, worstZ, atZ) = ReferenceEuler.Compare(got.Z, expected.Z);
        Assert.IsTrue(okZ, $"{what}: z differs from the reference, worst |error| {worstZ:g3} at {atZ}");
        var (okR, worstR, atR) = ReferenceEuler.Compare(got.R!, expected.R);
        Assert.IsTrue(okR, $"{what}: r differs from the reference, worst |error| {worstR:g3} at {atR}");
    }

    private static ResolvedPerturbation Named(string id) => ResolvedPerturbation.Control with { Id = id, Description = id };

    [TestMethod]
    public void LesionOfAllInhibitoryUnitsMatchesTheReference()
    {
        var batch = Batch();
        var iUnits = Enumerable.Range(0, N).Where(IsI).ToArray();
        var got = Perturbed(batch, Named("no-i") with { RateLesions = [new RateLesion(iUnits, EffectWindow.Always)] });
        AssertClose(got, Reference(batch, _ => new(Lesioned: (t, i) => t >= 1 && IsI(i))), "I lesion");
        for (int k = 0; k < batch.Steps; k++) Assert.AreEqual(0f, got.R![(2 * batch.Steps + k) * N + N - 1], "lesioned rate is exactly 0");
        var control = Reference(batch, _ => null);
        Assert.IsFalse(ReferenceEuler.Compare(got.Z, control.Z).Ok, "the lesion changed nothing");
    }

    [TestMethod]
    public void StimulationOfEUnitsInAWindowMatchesTheReferenceAndLeavesEarlierSamplesBitwiseAlone()
    {
        var batch = Batch();
        const double start = 40, end = 90, current = 0.4;
        var eUnits = Enumerable.Range(0, N).Where(i => !IsI(i)).ToArray();
        var got = Perturbed(batch, Named("stim") with { Currents = [new CurrentInjection(eUnits, current, new EffectWindow(null, start, end))] });
        // Step k acts at sample time (k+1)·dt: on for 40 < (k+1)·1 ms <= 90, i.e. k = 40..89.
        AssertClose(got, Reference(batch, _ => new(Current: (k, i) => !IsI(i) && k + 1 > start && k + 1 <= end ? current : 0)), "E stimulation");
        var control = Canonical(batch);
        int t = batch.Steps;
        for (int b = 0; b < Trials; b++)
        {
            CollectionAssert.AreEqual(control.Z.AsSpan(b * t * 2, 40 * 2).ToArray(), got.Z.AsSpan(b * t * 2, 40 * 2).ToArray(), $"trial {b}: z before the window");
            CollectionAssert.AreEqual(control.R!.AsSpan(b * t * N, 40 * N).ToArray(), got.R!.AsSpan(b * t * N, 40 * N).ToArray(), $"trial {b}: r before the window");
            Assert.AreNotEqual(control.R![(b * t + 40) * N], got.R![(b * t + 40) * N], $"trial {b}: sample 40 is stimulated");
        }
    }

    [TestMethod]
    public void ExcitatoryToInhibitoryScalingMatchesTheReferenceWithScaledWeights()
    {
        var batch = Batch();
        var multiplier = new float[N * N];
        for (int post = 0; post < N; post++)
            for (int pre = 0; pre < N; pre++) multiplier[post * N + pre] = IsI(post) && !IsI(pre) ? 0.5f : 1f;
        var got = Perturbed(batch, Named("ei-half") with { RecurrentMultiplier = multiplier });
        var w = Net.Weights!.WRec.ToArray();
        for (int post = 0; post < N; post++)
            for (int pre = 0; pre < N; pre++) if (IsI(post) && !IsI(pre)) w[post * N + pre] *= 0.5f;
        AssertClose(got, Reference(batch, _ => null, Net.Weights! with { WRec = w }), "E->I x 0.5");
    }

    [TestMethod]
    public void ConnectionLesionRunsADedicatedVariantThatMatchesTheReference()
    {
        var batch = Batch();
        var multiplier = Enumerable.Repeat(1f, N * N).ToArray();
        int[][] cut = [[3, 0], [9, 1], [0, 8]]; // [post, pre]
        foreach (var c in cut) multiplier[c[0] * N + c[1]] = 0f;
        var p = Named("cut") with { RecurrentMultiplier = multiplier };
        Assert.IsTrue(new PerturbationFeeds(Net.Spec).NeedsDedicatedVariant(p));
        var w = Net.Weights!.WRec.ToArray();
        foreach (var c in cut) w[c[0] * N + c[1]] = 0f;
        Assert.IsTrue(cut.Any(c => Net.Weights!.WRec[c[0] * N + c[1]] != 0), "the cut connections exist");
        AssertClose(Perturbed(batch, p), Reference(batch, _ => null, Net.Weights! with { WRec = w }), "connection lesion");
    }

    [TestMethod]
    public void PeriodWindowsFollowEachTrialsOwnPeriods()
    {
        // Period "all" ends with each trial (120..160 steps); the padded steps after it are not lesioned.
        var batch = Batch();
        var got = Perturbed(batch, Named("period") with { RateLesions = [new RateLesion([1, 9], new EffectWindow("all", null, null))] });
        AssertClose(got, Reference(batch, b => new(Lesioned: (t, i) => t >= 1 && (i is 1 or 9) && t * Dt <= batch.Periods[b][0].EndMs)), "period lesion");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "z and r saved every 12 steps")]
    [DataRow(false, DisplayName = "z only")]
    public void LastRatesTwinSavesTheBitsOfRatesWrittenEveryStep(bool saveRates)
    {
        // The twin without per-step r runs chunks of one save interval (12 steps, not a divisor of the 160-step
        // trials) with a windowed lesion and a current crossing them; its saved samples must be the every-step run's.
        const int stride = 12;
        var batch = Batch();
        var p = Named("lesion-and-stim") with
        {
            RateLesions = [new RateLesion([2, 9], new EffectWindow(null, 30, 100))],
            Currents = [new CurrentInjection([0, 1, 3], 0.3, new EffectWindow(null, 20, 75))],
        };
        var everyStep = Perturbed(batch, p);
        var sampled = Settings with { DtSaveMs = stride * Dt, SaveRates = saveRates };
        using var sims = new VariantSimulators(Net, _model, new ThreeInputTask(120, 160), sampled, new SessionSettings());
        var simulator = sims.For(p);
        Assert.IsTrue(simulator.UsesLastRatesTwin);
        var got = simulator.Simulate(new TrialBlock(0, batch) { NoiseIds = NoiseIds, Ports = sims.Feeds.For(p, batch) }, CancellationToken.None);

        int t = batch.Steps, tSave = t / stride;
        Assert.AreEqual(tSave, got.TSave);
        CollectionAssert.AreEqual(everyStep.Outcomes.ToArray(), got.Outcomes.ToArray(), "outcomes (scored on z of every step)");
        for (int b = 0; b < Trials; b++)
            for (int j = 0; j < tSave; j++)
            {
                int k = (j + 1) * stride - 1;
                CollectionAssert.AreEqual(everyStep.Z.AsSpan((b * t + k) * 2, 2).ToArray(), got.Z.AsSpan((b * tSave + j) * 2, 2).ToArray(), $"z, trial {b}, sample {j}");
                if (saveRates)
                    CollectionAssert.AreEqual(everyStep.R!.AsSpan((b * t + k) * N, N).ToArray(), got.R!.AsSpan((b * tSave + j) * N, N).ToArray(), $"r, trial {b}, sample {j}");
            }
        Assert.AreEqual(saveRates, got.R is not null);
        Assert.AreEqual(0f, got.R?[(1 * tSave + 4) * N + 9] ?? 0f, "unit 9 is lesioned at sample 4 (t = 60 ms)");
    }

    [TestMethod]
    public void NeutralPortValuesAreBitwiseTheCanonicalModel()
    {
        var batch = Batch();
        var canonical = Canonical(batch);
        var ones = Enumerable.Repeat(1f, N * N).ToArray();
        foreach (var p in new[]
                 {
                     ResolvedPerturbation.Control,
                     Named("scale-1") with { RecurrentMultiplier = ones, InputWeightScale = 1, OutputWeightScale = 1 },
                     Named("empty-lesion") with { RateLesions = [new RateLesion([], EffectWindow.Always)] },
                     Named("zero-current") with { Currents = [new CurrentInjection([0, 1, 2], 0, EffectWindow.Always)] },
                 })
        {
            var got = Perturbed(batch, p);
            CollectionAssert.AreEqual(canonical.Z, got.Z, $"{p.Id}: z");
            CollectionAssert.AreEqual(canonical.R, got.R, $"{p.Id}: r");
        }
    }

    [TestMethod]
    [DataRow(3, 37, 1, DisplayName = "3 trials x 37 steps, every step saved")]
    [DataRow(5, 160, 1, DisplayName = "one chunk, every step saved")]
    [DataRow(3, 37, 12, DisplayName = "3 trials, rates saved every 12 steps (last-rates twin)")]
    public void TimeMajorVariantFedTheDriveOffsetGivesTheFilesBits(int trialsPerChunk, int stepsPerChunk, int stride)
    {
        // The feeder writes noise·std + α·b_rec into the rows; the file's graph computes the same from standard normals.
        var batch = Batch();
        var settings = Settings with { TrialsPerChunk = trialsPerChunk, StepsPerChunk = stepsPerChunk, DtSaveMs = stride * Dt };
        var canonical = Canonical(batch, settings);
        using var session = ModelSession.Open(_model, new SessionSettings());
        Assert.AreEqual(NoiseRecFeed.DriveOffset, session.NoiseRecFeed);
        using var sim = new TrialSimulator(session, new ThreeInputTask(120, 160), settings);
        Assert.AreEqual(stride > 1, sim.UsesLastRatesTwin);
        var got = sim.Simulate(new TrialBlock(0, batch) { NoiseIds = NoiseIds }, CancellationToken.None);
        CollectionAssert.AreEqual(canonical.Z, got.Z, "z");
        CollectionAssert.AreEqual(canonical.R, got.R, "r");
        CollectionAssert.AreEqual(canonical.Outcomes.ToArray(), got.Outcomes.ToArray());
    }

    [TestMethod]
    [DataRow(1, DisplayName = "every chunk one trial")]
    [DataRow(2, DisplayName = "chunks of 2, 2 and 1 trials")]
    public void LoneTrialsGiveTheFilesBits(int trialsPerChunk)
    {
        // A run of one trial is padded with a copy (ONNX Runtime sums a single-row product in another order).
        var batch = Batch();
        var settings = Settings with { TrialsPerChunk = trialsPerChunk };
        var canonical = Canonical(batch, settings);
        var got = Perturbed(batch, ResolvedPerturbation.Control, settings);
        CollectionAssert.AreEqual(canonical.Z, got.Z, "z");
        CollectionAssert.AreEqual(canonical.R, got.R, "r");
        CollectionAssert.AreEqual(canonical.Outcomes.ToArray(), got.Outcomes.ToArray());
    }

    [TestMethod]
    public void WindowStepsFollowTheSampleTimes()
    {
        Assert.AreEqual((40, 90), PerturbationFeeds.Steps(40, 90, 1, 160));
        Assert.AreEqual((0, 3), PerturbationFeeds.Steps(0, 1.5, 0.5, 10));          // samples at 0.5, 1.0, 1.5
        Assert.AreEqual((1, 2), PerturbationFeeds.Steps(0.6, 1.4, 0.5, 10));        // only 1.0
        Assert.IsNull(PerturbationFeeds.Steps(0.6, 0.9, 0.5, 10));                  // no sample inside
        Assert.AreEqual((0, 10), PerturbationFeeds.Steps(double.NegativeInfinity, double.PositiveInfinity, 0.5, 10));
        Assert.AreEqual((8, 10), PerturbationFeeds.Steps(4.2, 99, 0.5, 10));         // clipped to the trial
    }
}
