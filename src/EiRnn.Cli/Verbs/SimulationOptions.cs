using System.CommandLine;
using EiRnn.Core.Errors;
using EiRnn.Simulation.Session;

namespace EiRnn.Cli.Verbs;

/// <summary>Options shared by `simulate` and `sweep` (ONNX Runtime session and model file).</summary>
internal static class SimulationOptions
{
    public static Option<string> Model() => new("--model") { Description = "A model.onnx following the EiRnnPipeline contract.", Required = true };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu (default) or cuda. cuda needs a build with -p:OrtFlavor=Gpu and CUDA 13.x + cuDNN 9.x; it never falls back to the CPU.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads to keep busy (default 1). On the CPU each thread simulates its own share of every block of trials (one ONNX Runtime thread each; same results as one thread). With --device cuda a quarter of them prepare the next chunk while the GPU runs the current one.",
        DefaultValueFactory = _ => 1,
    };

    /// <param name="verbose">The CLI's --verbose: also shows ONNX Runtime's native log.</param>
    public static SessionSettings Session(string device, int threads, bool verbose) => new()
    {
        Device = device switch
        {
            "cpu" => ComputeDevice.Cpu,
            "cuda" => ComputeDevice.Cuda,
            _ => throw new ConfigException("device", $"must be cpu or cuda, got '{device}'"),
        },
        Threads = threads,
        NativeLog = verbose,
    };
}
