using EiRnn.Core.Random;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using EiRnn.Tasks.Contract;
using EiRnn.TestSupport;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Tests.Sweeps;

/// <summary>
/// What the time-varying perturbation ports are fed per chunk: a whole-trial lesion of the same units in
/// every trial is one broadcast row [1,1,N], a stimulation window shared by all trials is [T,1,N] only in the
/// chunk where it starts or ends, and only trials whose windows differ make the feed [T,B,N] (time-major).
/// Expected shapes and rows are worked out by hand from the windows below.
/// </summary>
[TestClass]
public sealed class PortExtentTests
{
    private const int N = 10, Trials = 4, Steps = 40, StepsPerChunk = 10;
    private static readonly int[] Units = [2, 5];

    [TestMethod]
    public void WholeTrialLesionIsOneBroadcastRowAndCarriesIntoLesionInit()
    {
        var whole = Enumerable.Range(0, Trials).Select(_ => (IReadOnlyList<TimedEffect>)[new TimedEffect(0, Steps, Units, 0f)]).ToArray();
        var ports = new BlockPorts { Lesion = TimedEffects.Mask(whole) };
        using var fixture = new Fixture();

        var first = fixture.Fill(ports, firstStep: 0);
        CollectionAssert.AreEqual(new long[] { 1, 1, N }, first.Shape("lesion_mask"));
        CollectionAssert.AreEqual(MaskRow(), first.Values("lesion_mask"));
        CollectionAssert.AreEqual(new long[] { 1, N }, first.Shape("lesion_init"));
        CollectionAssert.AreEqual(Enumerable.Repeat(1f, N).ToArray(), first.Values("lesion_init"), "r_0 = f(x_0) is not lesioned");

        var later = fixture.Fill(ports, firstStep: 20);
        CollectionAssert.AreEqual(new long[] { 1, 1, N }, later.Shape("lesion_mask"));
        CollectionAssert.AreEqual(MaskRow(), later.Values("lesion_init"), "the previous sample was lesioned");
        Assert.IsFalse(later.Names.Contains("stim"), "no stimulation: the port keeps its neutral default");
    }

    [TestMethod]
    public void SharedStimulationWindowMaterialisesRowsOnlyWhereItStartsOrEnds()
    {
        // On for steps 15..24 in every trial: chunk 10..19 changes at 15, chunk 20..29 at 25, chunk 30..39 is off.
        var shared = Enumerable.Range(0, Trials).Select(_ => (IReadOnlyList<TimedEffect>)[new TimedEffect(15, 25, Units, 0.5f)]).ToArray();
        var ports = new BlockPorts { Stim = TimedEffects.Current(shared) };
        using var fixture = new Fixture();

        var starts = fixture.Fill(ports, firstStep: 10);
        CollectionAssert.AreEqual(new long[] { StepsPerChunk, 1, N }, starts.Shape("stim"));
        CollectionAssert.AreEqual(Enumerable.Range(10, StepsPerChunk).SelectMany(k => CurrentRow(k is >= 15 and < 25)).ToArray(), starts.Values("stim"));

        var ends = fixture.Fill(ports, firstStep: 20);
        CollectionAssert.AreEqual(new long[] { StepsPerChunk, 1, N }, ends.Shape("stim"));
        CollectionAssert.AreEqual(Enumerable.Range(20, StepsPerChunk).SelectMany(k => CurrentRow(k < 25)).ToArray(), ends.Values("stim"));

        var off = fixture.Fill(ports, firstStep: 30);
        CollectionAssert.AreEqual(new long[] { 1, 1, N }, off.Shape("stim"));
        CollectionAssert.AreEqual(CurrentRow(false), off.Values("stim"));
    }

    [TestMethod]
    public void PerTrialWindowsNeedEveryTrialsRowsOnlyInsideTheChunksTheyChange()
    {
        // Trial i is on from step 12 + i to the end: all four start inside chunk 10..19, none changes later.
        var perTrial = Enumerable.Range(0, Trials).Select(i => (IReadOnlyList<TimedEffect>)[new TimedEffect(12 + i, Steps, Units, 0.5f)]).ToArray();
        var ports = new BlockPorts { Stim = TimedEffects.Current(perTrial) };
        using var fixture = new Fixture();

        var changing = fixture.Fill(ports, firstStep: 10);
        CollectionAssert.AreEqual(new long[] { StepsPerChunk, Trials, N }, changing.Shape("stim"));
        var expected = new List<float>();
        for (int k = 10; k < 20; k++)
            for (int i = 0; i < Trials; i++) expected.AddRange(CurrentRow(k >= 12 + i)); // time-major rows (k, i)
        CollectionAssert.AreEqual(expected.ToArray(), changing.Values("stim"));

        var steady = fixture.Fill(ports, firstStep: 20);
        CollectionAssert.AreEqual(new long[] { 1, 1, N }, steady.Shape("stim"), "on in every trial for the whole chunk");
        CollectionAssert.AreEqual(CurrentRow(true), steady.Values("stim"));
    }

    private static float[] MaskRow() => Enumerable.Range(0, N).Select(i => Units.Contains(i) ? 0f : 1f).ToArray();

    private static float[] CurrentRow(bool on) => Enumerable.Range(0, N).Select(i => on && Units.Contains(i) ? 0.5f : 0f).ToArray();

    /// <summary>A time-major session over a variant with every port, and one chunk's feeds filled by the simulator's feeder.</summary>
    private sealed class Fixture : IDisposable
    {
        private readonly ModelSession _session;
        private readonly ChunkFeeds _feeds;
        private readonly ChunkFeeder _feeder;
        private readonly TrialBatch _batch;

        public Fixture()
        {
            var net = RandomDaleNetwork.Create(81, n: N, nin: 3, nout: 2, task: "three-input-test");
            var model = SimulationModel.From(ModelReader.Read(ModelExporter.Export(net), "ports.onnx"), "ports.onnx");
            _session = ModelSession.OpenCompiled(model, net, PerturbationPorts.All, new SessionSettings());
            Assert.AreEqual(ScanLayout.TimeMajor, _session.Layout);
            _feeds = new ChunkFeeds(N, 3, 2, Trials, StepsPerChunk, _session.Layout, [], []);
            _feeder = new ChunkFeeder(N, 3, 2, net.Weights!.X0, _session.Layout, workers: 1);
            _batch = new ThreeInputTask(Steps, Steps).Forced(Enumerable.Range(0, Trials).Select(i => (ITrialCondition)new StrongestInput(i % 3)).ToArray(),
                TaskTiming.Test, 1f, new RandomStream(3));
        }

        public Fed Fill(BlockPorts ports, int firstStep)
        {
            var keys = Enumerable.Range(0, Trials).Select(i => TrialNoiseKeys.For(1, i)).ToArray();
            var work = new BlockWork(_batch, keys, ports, SaveGrid.For(1f, 1f, Steps), new float[Trials * Steps * 2], new float[Trials * Steps * 2], null);
            _feeder.Fill(_feeds, work, new TimeChunk(0, Trials, firstStep, StepsPerChunk));
            return new Fed(_feeds.InputNames, _feeds.Inputs);
        }

        public void Dispose()
        {
            _feeds.Dispose();
            _session.Dispose();
        }
    }

    private sealed record Fed(string[] Names, OrtValue[] Values_)
    {
        private OrtValue Value(string name) => Values_[Array.IndexOf(Names, name)];
        public long[] Shape(string name) => Value(name).GetTensorTypeAndShape().Shape;
        public float[] Values(string name) => Value(name).GetTensorDataAsSpan<float>().ToArray();
    }
}
