using EiRnn.Core.Errors;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Tests;

[TestClass]
public sealed class ModelSessionTests
{
    private static SimulationModel Model => SimulationModel.Read(ContractFixture.ModelPath);

    [TestMethod]
    public void CudaOnTheCpuBuildFailsWithTheBuildHint()
    {
        Assert.IsFalse(ModelSession.AvailableProviders().Contains(ExecutionProviderChoice.CudaProvider),
            "this test documents the CPU package; with -p:OrtFlavor=Gpu it does not apply");
        var ex = Assert.ThrowsExactly<SimulationException>(() => ModelSession.Open(Model, new SessionSettings { Device = ComputeDevice.Cuda }));
        StringAssert.Contains(ex.Message, "-p:OrtFlavor=Gpu");
        StringAssert.Contains(ex.Message, "CUDA 13");
        StringAssert.Contains(ex.Message, "cuDNN 9");
        StringAssert.Contains(ex.Message, "CPUExecutionProvider");
    }

    [TestMethod]
    public void CudaListedButNotLoadableAlsoFailsLoudly()
    {
        // A provider list that claims CUDA while the native library (CPU package) cannot start it.
        using var options = new SessionOptions();
        var ex = Assert.ThrowsExactly<SimulationException>(() => ExecutionProviderChoice.Apply(options,
            new SessionSettings { Device = ComputeDevice.Cuda }, ["CUDAExecutionProvider", "CPUExecutionProvider"]));
        StringAssert.Contains(ex.Message, "CUDA 13");
        StringAssert.Contains(ex.Message, "--verbose");
    }

    [TestMethod]
    public void ThreadsSettingIsValidatedAndSplitIntoLanesOrBetweenOrtAndTheFeeder()
    {
        using (var session = ModelSession.Open(Model, new SessionSettings { Threads = 2 }))
            Assert.AreEqual(1, session.IntraOpThreads, "CPU: one ORT thread per trial lane");
        static (int, int, int) Split(SessionSettings s) => (s.TrialLanes, s.IntraOpThreads, s.FeederThreads);
        Assert.AreEqual((1, 1, 0), Split(new SessionSettings { Threads = 1 }));
        Assert.AreEqual((8, 1, 0), Split(new SessionSettings { Threads = 8 }));
        Assert.AreEqual((1, 6, 2), Split(new SessionSettings { Threads = 8, Device = ComputeDevice.Cuda }), "CUDA: a quarter feeds while the device runs");
        Assert.AreEqual((1, 1, 0), Split(new SessionSettings { Threads = 1, Device = ComputeDevice.Cuda }));
        // Defaults by device, and forced strategies (pipelined on the CPU is how its test runs it).
        Assert.AreEqual(ExecutionStrategy.Serial, new SessionSettings { Threads = 1, Device = ComputeDevice.Cuda }.EffectiveStrategy);
        Assert.AreEqual(ExecutionStrategy.Lanes, new SessionSettings { Threads = 2 }.EffectiveStrategy);
        Assert.AreEqual(ExecutionStrategy.Pipelined, new SessionSettings { Threads = 2, Device = ComputeDevice.Cuda }.EffectiveStrategy);
        Assert.AreEqual((1, 1, 1), Split(new SessionSettings { Threads = 2, Strategy = ExecutionStrategy.Pipelined }));
        Assert.AreEqual((1, 4, 0), Split(new SessionSettings { Threads = 4, Strategy = ExecutionStrategy.Serial }));
        Assert.AreEqual((4, 1, 0), Split(new SessionSettings { Threads = 4, Device = ComputeDevice.Cuda, Strategy = ExecutionStrategy.Lanes }));
        var ex = Assert.ThrowsExactly<ConfigException>(() => ModelSession.Open(Model, new SessionSettings { Threads = 0 }));
        Assert.AreEqual("threads", ex.Field);
    }

    [TestMethod]
    public void MissingOrForeignFilesAreModelFileErrors()
    {
        Assert.ThrowsExactly<ModelFileException>(() => SimulationModel.Read(Path.Combine(AppContext.BaseDirectory, "no-such.onnx")));
        string bogus = Path.Combine(Path.GetTempPath(), $"eirnn-bogus-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(bogus, "not a model");
        try { Assert.ThrowsExactly<ModelFileException>(() => SimulationModel.Read(bogus)); }
        finally { File.Delete(bogus); }
    }
}
