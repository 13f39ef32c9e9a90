using EiRnn.Core.Random;
using EiRnn.Interop.Bundle;
using EiRnn.Interop.PsychRnn;
using EiRnn.Interop.Tests.Support;
using EiRnn.Onnx.Export;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;

namespace EiRnn.Interop.Tests;

/// <summary>
/// Imported models run by the project's simulator (ModelSession + TrialSimulator: the compiled time-major variant
/// simulate and sweep use, chunked in time and trials) reproduce NumPy's outputs, noise off.
/// </summary>
[TestClass]
public sealed class SimulatorReplayTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("psychrnn_dale")]
    [DataRow("psychrnn_nondale")]
    [DataRow("bundle_tanh")]
    public void SimulatorReproducesNumPy(string fixture)
    {
        var expected = Fixtures.Load(fixture + ".expected.json");
        var net = fixture.StartsWith("bundle", StringComparison.Ordinal)
            ? NpzBundleImporter.Import(Fixtures.Path("bundle_tanh.npz"), Fixtures.Path("bundle_tanh.spec.json")).Network
            : PsychRnnImporter.Import(Fixtures.Path(fixture + ".npz"), new PsychRnnImportOptions { DtMs = (float)expected.DtMs, TauMs = 100 }).Network;
        string path = Path.Combine(Path.GetTempPath(), $"eirnn-replay-{Guid.NewGuid():N}.onnx");
        try
        {
            ModelExporter.Save(net, path);
            var s = net.Spec;
            var task = new FixtureInputTask(expected.U, expected.Batch, expected.Steps, s.Nin, s.Nout);
            var settings = new SimulationSettings { DtMs = s.DtTrainMs, DtSaveMs = s.DtTrainMs, SigmaIn = 0, SigmaRec = 0, TrialsPerChunk = 1, StepsPerChunk = 7 };
            using var session = ModelSession.Open(SimulationModel.Read(path), new SessionSettings());
            using var simulator = new TrialSimulator(session, task, settings);
            var batch = task.Forced(task.TestConditions, TaskTiming.Test, s.DtTrainMs, new RandomStream(1));
            var chunk = simulator.Simulate(new TrialBlock(0, batch), CancellationToken.None);
            double err = ModelRun.MaxRelativeError(chunk.Z, expected.Z);
            TestContext.WriteLine($"{fixture} through the simulator ({session.Layout}): max relative error {err:E2}");
            Assert.IsTrue(err <= 1e-5, $"max relative error {err:E2}");
        }
        finally { File.Delete(path); }
    }
}
