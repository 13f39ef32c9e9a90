using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Running;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;
using EiRnn.TestSupport;

namespace EiRnn.Simulation.Tests;

/// <summary>
/// The runner against the float64 reference loop (tests/EiRnn.TestSupport/ReferenceEuler) fed the same
/// inputs and the same noise streams, for several trial and time chunkings, dt and σ overrides.
/// </summary>
[TestClass]
public sealed class TrialSimulatorTests
{
    private const int Trials = 7;
    private static readonly SimulationModel Model = SimulationModel.Read(ContractFixture.ModelPath);

    private static TrialBatch Batch(float dtMs, ulong seed = 11) =>
        new ThreeInputTask(18, 25).Forced(
            Enumerable.Range(0, Trials).Select(i => (ITrialCondition)new StrongestInput(i % 3)).ToArray(),
            TaskTiming.Test, dtMs, new RandomStream(seed));

    private static TrialChunk Simulate(SimulationSettings settings, TrialBatch batch, long firstTrial = 100, int threads = 1, bool timeMajor = true,
        ExecutionStrategy? strategy = null)
    {
        using var session = ModelSession.Open(Model, new SessionSettings { Threads = threads, PreferTimeMajor = timeMajor, Strategy = strategy });
        Assert.AreEqual(timeMajor ? ScanLayout.TimeMajor : ScanLayout.BatchMajor, session.Layout);
        using var simulator = new TrialSimulator(session, new ThreeInputTask(18, 25), settings);
        Assert.AreEqual(strategy == ExecutionStrategy.Pipelined, simulator.Pipelined, "the strategy asked for is the one that runs");
        return simulator.Simulate(new TrialBlock(firstTrial, batch), CancellationToken.None);
    }

    /// <summary>The reference loop with the noise streams the runner uses for trials firstTrial.. .</summary>
    private static ReferenceEuler.Result Reference(TrialBatch batch, SimulationSettings s, long firstTrial = 100)
    {
        int n = Model.N, nin = Model.Nin, t = batch.Steps;
        var noiseIn = new float[Trials * t * nin];
        var noiseRec = new float[Trials * t * n];
        var xInit = new float[Trials * n];
        for (int b = 0; b < Trials; b++)
        {
            var keys = TrialNoiseKeys.For(s.NoiseSeed, firstTrial + b);
            CounterNormals.Fill(keys.InputKey, 0, noiseIn.AsSpan(b * t * nin, t * nin));
            CounterNormals.Fill(keys.RecurrentKey, 0, noiseRec.AsSpan(b * t * n, t * n));
            ContractFixture.Weights.X0.CopyTo(xInit, b * n);
        }
        return ReferenceEuler.Run(ContractFixture.Spec, ContractFixture.Weights, batch.Inputs, noiseIn, noiseRec, xInit,
            Trials, t, s.DtMs, s.SigmaIn, s.SigmaRec);
    }

    [TestMethod]
    [DataRow(1000, 1000, true, DisplayName = "unchunked, time-major")]
    [DataRow(1000, 1000, false, DisplayName = "unchunked, batch-major")]
    [DataRow(3, 7, true, DisplayName = "3 trials x 7 steps, time-major")]
    [DataRow(3, 7, false, DisplayName = "3 trials x 7 steps, batch-major")]
    [DataRow(2, 1, true, DisplayName = "2 trials x 1 step, time-major")]
    [DataRow(1, 25, false, DisplayName = "1 trial x all steps, batch-major")]
    [DataRow(5, 4, true, DisplayName = "5 trials x 4 steps, time-major")]
    public void RunnerMatchesReferenceLoopForEveryChunking(int trialsPerChunk, int stepsPerChunk, bool timeMajor)
    {
        var settings = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 5, TrialsPerChunk = trialsPerChunk, StepsPerChunk = stepsPerChunk };
        var batch = Batch(settings.DtMs);
        var chunk = Simulate(settings, batch, timeMajor: timeMajor);
        var reference = Reference(batch, settings);
        Assert.AreEqual(batch.Steps, chunk.TSave);
        AssertClose(chunk.Z, reference.Z, "z");
        AssertClose(chunk.R!, reference.R, "r");
        CollectionAssert.AreEqual(Enumerable.Range(100, Trials).Select(i => (long)i).ToArray(), chunk.Trial);
        // Scoring ran on the runner's z: the same task scores the reference z identically.
        var expected = new ThreeInputTask(18, 25).Score(batch, reference.Z.Select(v => (float)v).ToArray());
        CollectionAssert.AreEqual(expected, chunk.Outcomes.ToArray());
    }

    [TestMethod]
    [DataRow(2, 3, 7, DisplayName = "2 lanes, chunks of 2 trials (the last alone) x 7 steps")]
    [DataRow(3, 500, 25, DisplayName = "3 lanes sharing one chunk of 7 trials")]
    [DataRow(8, 500, 10, DisplayName = "more lanes than trials")]
    public void TrialLanesGiveTheBitsOfOneLane(int threads, int trialsPerChunk, int stepsPerChunk)
    {
        var settings = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 9, TrialsPerChunk = trialsPerChunk, StepsPerChunk = stepsPerChunk };
        var batch = Batch(settings.DtMs);
        var one = Simulate(settings with { TrialsPerChunk = 1000, StepsPerChunk = 1000 }, batch, strategy: ExecutionStrategy.Serial);
        using var session = ModelSession.Open(Model, new SessionSettings { Threads = threads });
        Assert.AreEqual(ExecutionStrategy.Lanes, session.Settings.EffectiveStrategy, "lanes are the CPU's default with several threads");
        using var simulator = new TrialSimulator(session, new ThreeInputTask(18, 25), settings);
        Assert.AreEqual(threads, simulator.Lanes);
        var lanes = simulator.Simulate(new TrialBlock(100, batch), CancellationToken.None);
        CollectionAssert.AreEqual(one.Z, lanes.Z, "z");
        CollectionAssert.AreEqual(one.R, lanes.R, "r");
        CollectionAssert.AreEqual(one.Outcomes.ToArray(), lanes.Outcomes.ToArray());
    }

    [TestMethod]
    public void TimeAndTrialChunkingGiveTheUnchunkedResult()
    {
        var whole = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 9, TrialsPerChunk = 1000, StepsPerChunk = 1000 };
        var batch = Batch(whole.DtMs);
        var a = Simulate(whole, batch, timeMajor: false);
        var b = Simulate(whole with { TrialsPerChunk = 2, StepsPerChunk = 3 }, batch, timeMajor: true);
        for (int i = 0; i < a.Z.Length; i++) Assert.AreEqual(a.Z[i], b.Z[i], 1e-6f, $"z[{i}]");
        for (int i = 0; i < a.R!.Length; i++) Assert.AreEqual(a.R[i], b.R![i], 1e-6f, $"r[{i}]");
    }

    [TestMethod]
    public void ATrialsNoiseDependsOnItsIdNotItsBlock()
    {
        // Trial 103 simulated as the 4th of a block from 100 and as the 1st of a block from 103.
        var s = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 3 };
        var batch = Batch(s.DtMs);
        var inBlock = Simulate(s, batch, firstTrial: 100);
        var alone = Simulate(s, TakeTrials(batch, 3), firstTrial: 103);
        int per = inBlock.TSave * Model.N;
        CollectionAssert.AreEqual(inBlock.R!.AsSpan(3 * per, per).ToArray(), alone.R!.AsSpan(0, per).ToArray());
        Assert.AreEqual(inBlock.Seed[3], alone.Seed[0]);
        Assert.AreNotEqual(inBlock.Seed[3], inBlock.Seed[4]);
    }

    [TestMethod]
    public void SigmaOverridesReachTheGraph()
    {
        var quiet = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, SigmaIn = 0f, SigmaRec = 0f };
        var loud = quiet with { SigmaIn = 0.05f, SigmaRec = 0.4f };
        var batch = Batch(0.5f);
        var zQuiet = Simulate(quiet, batch).Z;
        AssertClose(zQuiet, Reference(batch, quiet).Z, "z, sigma 0");
        var zLoud = Simulate(loud, batch).Z;
        AssertClose(zLoud, Reference(batch, loud).Z, "z, sigma_in 0.05 sigma_rec 0.4");
        Assert.IsTrue(zQuiet.Zip(zLoud).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, "noise changed nothing");
    }

    [TestMethod]
    public void TrainingDtCanBeSimulatedToo()
    {
        var s = new SimulationSettings { DtMs = 20f, DtSaveMs = 20f, NoiseSeed = 1, StepsPerChunk = 4 };
        var batch = Batch(s.DtMs);
        AssertClose(Simulate(s, batch).Z, Reference(batch, s).Z, "z at dt 20 ms");
    }

    [TestMethod]
    public void DownSamplingKeepsSamplesAtMultiplesOfDtSave()
    {
        // dt 0.5 ms, dt_save 2 ms: stride 4, samples k = 3, 7, 11, ... (times 2, 4, 6 ms).
        var fine = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 4, StepsPerChunk = 5 };
        var batch = Batch(0.5f);
        var all = Simulate(fine, batch);
        var saved = Simulate(fine with { DtSaveMs = 2f }, batch);
        int[] expectedSamples = Enumerable.Range(0, batch.Steps / 4).Select(j => 4 * j + 3).ToArray();
        Assert.AreEqual(expectedSamples.Length, saved.TSave);
        CollectionAssert.AreEqual(new[] { 3, 7, 11, 15 }, expectedSamples.Take(4).ToArray());
        for (int b = 0; b < Trials; b++)
            for (int j = 0; j < saved.TSave; j++)
            {
                int k = expectedSamples[j];
                for (int o = 0; o < Model.Nout; o++)
                    Assert.AreEqual(all.Z[(b * all.TSave + k) * Model.Nout + o], saved.Z[(b * saved.TSave + j) * Model.Nout + o], 1e-6f);
                for (int i = 0; i < Model.N; i++)
                    Assert.AreEqual(all.R![(b * all.TSave + k) * Model.N + i], saved.R![(b * saved.TSave + j) * Model.N + i], 1e-6f);
            }
        Assert.IsNull(Simulate(fine with { SaveRates = false }, batch).R);
    }

    [TestMethod]
    public void PipelinedFeedingGivesTheSerialBits()
    {
        // Pipelined (CUDA's default) forced on the CPU: with two threads the next chunk is fed (and the last
        // collected) on a feeder thread while ORT runs on the other, so every value must be the serial run's.
        var s = new SimulationSettings { DtMs = 0.5f, DtSaveMs = 0.5f, NoiseSeed = 8, TrialsPerChunk = 4, StepsPerChunk = 6 };
        var batch = Batch(0.5f);
        var serial = Simulate(s, batch, threads: 1, strategy: ExecutionStrategy.Serial);
        var pipelined = Simulate(s, batch, threads: 2, strategy: ExecutionStrategy.Pipelined);
        CollectionAssert.AreEqual(serial.Z, pipelined.Z, "z");
        CollectionAssert.AreEqual(serial.R, pipelined.R, "r");
        CollectionAssert.AreEqual(serial.Outcomes.ToArray(), pipelined.Outcomes.ToArray());
        AssertClose(pipelined.Z, Reference(batch, s).Z, "z against the reference loop");
    }

    [TestMethod]
    public void MismatchedBatchesAreRejected()
    {
        var s = new SimulationSettings { DtMs = 0.5f };
        var ex = Assert.ThrowsExactly<SimulationException>(() => Simulate(s, Batch(1f)));
        StringAssert.Contains(ex.Message, "dt = 1 ms");
        Assert.ThrowsExactly<ConfigException>(() => Simulate(s with { DtSaveMs = 0.75f }, Batch(0.5f)));
    }

    [TestMethod]
    public void ConsecutiveBlocksKeepTheirTrialIdsAndACancelledRunStops()
    {
        using var session = ModelSession.Open(Model, new SessionSettings());
        using var simulator = new TrialSimulator(session, new ThreeInputTask(18, 25), new SimulationSettings { DtSaveMs = 0.5f });
        var ids = Enumerable.Range(0, 3).SelectMany(i => simulator.Simulate(new TrialBlock(i * Trials, Batch(0.5f, (ulong)i)), CancellationToken.None).Trial.ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 3 * Trials).Select(i => (long)i).ToArray(), ids.ToArray());

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => simulator.Simulate(new TrialBlock(0, Batch(0.5f)), cts.Token));
        Assert.AreEqual(Trials, simulator.Simulate(new TrialBlock(0, Batch(0.5f)), CancellationToken.None).Count, "a cancelled block leaves the simulator usable");
    }

    private static TrialBatch TakeTrials(TrialBatch batch, int from)
    {
        int count = batch.BatchSize - from, t = batch.Steps;
        return new TrialBatch(count, t, batch.InputCount, batch.OutputCount, batch.DtMs,
            batch.Inputs[(from * t * batch.InputCount)..], batch.Targets[(from * t * batch.OutputCount)..],
            batch.Mask[(from * t * batch.OutputCount)..], batch.TrialSteps[from..],
            batch.Conditions.Skip(from).ToArray(), batch.Periods.Skip(from).ToArray());
    }

    private static void AssertClose(float[] actual, double[] expected, string what)
    {
        var (ok, worst, at) = ReferenceEuler.Compare(actual, expected);
        Assert.IsTrue(ok, $"{what}: worst |error| {worst:G3} at {at}");
    }
}
