namespace EiRnn.Training.Tests;

[TestClass]
public static class TestAssemblySetup
{
    /// <summary>One LibTorch thread: the networks here are tiny, and determinism is per thread count.</summary>
    [AssemblyInitialize]
    public static void SingleThread(TestContext _) => EiRnn.Training.Model.TorchRuntime.Configure(1);
}
