using EiRnn.Core.Network;
using EiRnn.Data;
using EiRnn.Onnx.Export;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Sweeps;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;
using EiRnn.TestSupport;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// A small Dale network whose E population is held in check by its I units: lesioning all I units lets E activity
/// grow ~18 % per step, but only in trials whose input lifts E above threshold (amplitude > 0.5), so only those
/// overflow float32. The trials expected to diverge come from the float64 reference loop, not from the simulator.
/// </summary>
[TestClass]
public sealed class DivergedTrialTests
{
    private const int N = 10;
    private const float Dt = 1f;
    private static readonly double[] Amplitudes = [0, 0.2, 0.4, 0.6, 0.8, 1.0];
    private static readonly TrainedNetwork Net = BalancedNetwork();
    private static string _modelPath = "";
    private static SimulationModel _model = null!;

    [ClassInitialize]
    public static void Export(TestContext _)
    {
        _modelPath = Path.Combine(Path.GetTempPath(), $"eirnn-diverge-{Guid.NewGuid():N}.onnx");
        ModelExporter.Save(Net, _modelPath);
        _model = SimulationModel.Read(_modelPath);
    }

    [ClassCleanup]
    public static void Remove() => File.Delete(_modelPath);

    /// <summary>
    /// 8 E units (all-to-all, gain 1.9), 2 I units (E→I 0.25, I→E −0.25: loop gain 1), τ = 5 ms, E bias −0.5 and input
    /// weight 1. Intact, the E–I loop is stable; without I, the E mode grows by 0.8 + 0.2·1.9 = 1.18 per step at dt = 1 ms.
    /// </summary>
    private static TrainedNetwork BalancedNetwork()
    {
        var types = NetworkSpec.FirstExcitatory(N, 0.8);
        bool E(int i) => types[i] == UnitType.Excitatory;
        var spec = new NetworkSpec
        {
            N = N, Nin = 1, Nout = 2, Dale = true, UnitTypes = types,
            UnitAreas = NetworkSpec.Repeat("all", N), UnitInputGroups = NetworkSpec.Repeat("", N),
            TauMs = NetworkSpec.Repeat(5f, N), TauInMs = 100f, U0 = [0f], RectifyInputs = true, Hidden = HiddenNonlinearity.Rectify,
            SigmaIn = 0f, SigmaRec = 0.001f, DtTrainMs = Dt, InputNames = ["in0"], OutputNames = ["o0", "o1"],
            Connectivity = "balanced test network",
        };
        var wRec = new float[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                wRec[i * N + j] = i == j ? 0f : (E(i), E(j)) switch
                {
                    (true, true) => 1.9f / 7, (true, false) => -0.25f, (false, true) => 0.25f, _ => 0f,
                };
        var wIn = Enumerable.Range(0, N).Select(i => E(i) ? 1f : 0f).ToArray();
        var wOut = new float[2 * N];
        for (int j = 0; j < 8; j++) wOut[(j < 4 ? 0 : 1) * N + j] = 0.5f;
        var bRec = Enumerable.Range(0, N).Select(i => E(i) ? -0.5f : 0f).ToArray();
        var x0 = Enumerable.Range(0, N).Select(i => E(i) ? -0.5f : 0f).ToArray();
        var training = new TrainingRecord("amplitude-test", "pycog", 0, "percent_correct", 0.5, 0.85, false);
        return TrainedNetwork.Rate(spec, new NetworkWeights(wIn, wRec, wOut, bRec, [0f, 0f], x0), training, 1);
    }

    private static bool IsI(int unit) => Net.Spec.UnitTypes[unit] == UnitType.Inhibitory;

    /// <summary>
    /// Two trials per amplitude, 800–1000 steps long (padded to 1000), so blocks hold trials of several lengths, and a
    /// last trial of amplitude 1 that ends after 120 steps, while its growth is still finite (~1e7): it overflows only
    /// in its padding, so it has not diverged.
    /// </summary>
    private static TrialBatch Batch()
    {
        var trials = new List<ITrialCondition>();
        for (int rep = 0; rep < 2; rep++)
            for (int k = 0; k < Amplitudes.Length; k++) trials.Add(new AmplitudeTrial(Amplitudes[k], 800 + 40 * k - 20 * rep + (rep == 0 && k == 0 ? 200 : 0)));
        trials.Add(new AmplitudeTrial(1.0, 120));
        var batch = new AmplitudeTask().Forced(trials, TaskTiming.Test, Dt, new Core.Random.RandomStream(1));
        Assert.AreEqual(1000, batch.Steps);
        return batch;
    }

    private static ResolvedPerturbation LesionAllI() => ResolvedPerturbation.Control with
    {
        Id = "lesion-all-I", Description = "lesion all I units",
        RateLesions = [new RateLesion(Enumerable.Range(0, N).Where(IsI).ToArray(), EffectWindow.Always)],
    };

    private static (TrialChunk Chunk, bool LastRates) Run(ResolvedPerturbation p, SimulationSettings settings, int threads = 1,
        ExecutionStrategy? strategy = null)
    {
        var batch = Batch();
        using var sims = new VariantSimulators(Net, _model, new AmplitudeTask(), settings, new SessionSettings { Threads = threads, Strategy = strategy });
        var block = new TrialBlock(0, batch) { Ports = p.IsNeutral ? null : sims.Feeds.For(p, batch) };
        var simulator = sims.For(p);
        Assert.AreEqual(strategy == ExecutionStrategy.Pipelined ? 1 : threads, simulator.Lanes);
        Assert.AreEqual(strategy == ExecutionStrategy.Pipelined, simulator.Pipelined);
        return (simulator.Simulate(block, CancellationToken.None), simulator.UsesLastRatesTwin);
    }

    /// <summary>
    /// Per trial, from the float64 loop over the trial's own steps with the lesion applied by hand: true when any
    /// z, r or final x leaves float32's range. Asserts a wide margin either way, so float32 rounding cannot matter.
    /// </summary>
    private static bool[] ExpectedDiverged(TrialBatch batch, bool lesioned)
    {
        var expected = new bool[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            int t = batch.TrialSteps[b];
            var keys = TrialNoiseKeys.For(0, b);
            var noiseIn = new float[t]; var noiseRec = new float[t * N];
            CounterNormals.Fill(keys.InputKey, 0, noiseIn);
            CounterNormals.Fill(keys.RecurrentKey, 0, noiseRec);
            var u = batch.Inputs.AsSpan(b * batch.Steps, t).ToArray();
            var result = ReferenceEuler.Run(Net.Spec, Net.Weights!, u, noiseIn, noiseRec, Net.Weights!.X0, 1, t, Dt,
                perturbation: lesioned ? new(Lesioned: (k, i) => k >= 1 && IsI(i)) : null);
            double largest = result.Z.Concat(result.R).Concat(result.XLast).Max(v => double.IsNaN(v) ? double.PositiveInfinity : Math.Abs(v));
            expected[b] = largest > float.MaxValue;
            Assert.IsTrue(largest < 1e10 || largest > 1e45, $"trial {b}: the reference peaks at {largest:g3}, too close to float32's limit for a clear expectation");
        }
        return expected;
    }

    private static bool[] Flags(TrialChunk chunk) => chunk.Outcomes.Select(o => o.Diverged).ToArray();

    [TestMethod]
    public void ExactlyTheTrialsThatOverflowAreDivergedForEverySavingChunkingAndPath()
    {
        var batch = Batch();
        var expected = ExpectedDiverged(batch, lesioned: true);
        int count = expected.Count(d => d);
        Assert.IsTrue(count > 0 && count < expected.Length, $"the lesion must make only some trials overflow, {count} of {expected.Length} do");
        CollectionAssert.AreEqual(batch.Conditions.Select(c => c is AmplitudeTrial { A: > 0.5, Steps: > 120 }).ToArray(), expected,
            "the reference should overflow exactly where the input lifts E above threshold, and not in the short trial");

        var runs = new (string Name, SimulationSettings Settings, int Threads, bool LastRates, ExecutionStrategy? Strategy)[]
        {
            ("dt_save 1 ms, one chunk, serial", new() { DtMs = Dt, DtSaveMs = 1, TrialsPerChunk = 13, StepsPerChunk = 1000 }, 1, false, null),
            // Saved samples at steps 499 and 999 only: every trial is still finite at 499 and ends before 999.
            ("dt_save 500 ms, 500-step chunks", new() { DtMs = Dt, DtSaveMs = 500, TrialsPerChunk = 13, StepsPerChunk = 1000 }, 1, true, null),
            ("dt_save 1 ms, 2 trials x 37 steps, 3 lanes", new() { DtMs = Dt, DtSaveMs = 1, TrialsPerChunk = 2, StepsPerChunk = 37 }, 3, false, null),
            ("dt_save 1 ms, 3 trials x 50 steps, pipelined", new() { DtMs = Dt, DtSaveMs = 1, TrialsPerChunk = 3, StepsPerChunk = 50 }, 2, false, ExecutionStrategy.Pipelined),
            ("dt_save 1 ms, single trials x 64 steps", new() { DtMs = Dt, DtSaveMs = 1, TrialsPerChunk = 1, StepsPerChunk = 64 }, 1, false, null),
            ("z only, 5 trials x 300 steps", new() { DtMs = Dt, DtSaveMs = 10, SaveRates = false, TrialsPerChunk = 5, StepsPerChunk = 300 }, 1, true, null),
        };
        foreach (var (name, settings, threads, lastRates, strategy) in runs)
        {
            var (chunk, usedLastRates) = Run(LesionAllI(), settings, threads, strategy);
            Assert.AreEqual(lastRates, usedLastRates, $"{name}: ran on the last-rates twin");
            // Not vacuous: the short trial's padding did overflow (its last saved z, at step 999, is non-finite).
            Assert.IsFalse(float.IsFinite(chunk.Z[(12 * chunk.TSave + chunk.TSave - 1) * 2]), $"{name}: the short trial's padding stayed finite");
            CollectionAssert.AreEqual(expected, Flags(chunk), $"{name}: diverged flags");
            for (int b = 0; b < chunk.Count; b++)
            {
                var o = chunk.Outcomes[b];
                if (o.Diverged) Assert.IsTrue(o.Choice is null && o.Correct is null && o.RtMs is null, $"{name}: diverged trial {b} has {o}");
                else Assert.IsTrue(o.Choice is not null && o.Correct is not null && o.RtMs is not null, $"{name}: finite trial {b} lost its outcome {o}");
            }
        }
    }

    [TestMethod]
    public void TheIntactNetworkDivergesNowhere()
    {
        var batch = Batch();
        Assert.IsFalse(ExpectedDiverged(batch, lesioned: false).Any(d => d), "the reference of the intact network overflows");
        var (chunk, _) = Run(ResolvedPerturbation.Control, new() { DtMs = Dt, DtSaveMs = 1, TrialsPerChunk = 4, StepsPerChunk = 100 });
        Assert.IsFalse(chunk.Outcomes.Any(o => o.Diverged), "a finite trial was flagged");
    }
}
