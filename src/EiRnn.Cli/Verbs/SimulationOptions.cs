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
        Description = "cpu (default) or cuda. cuda needs a build with -p:OrtFlavor=Gpu and CUDA 12 + cuDNN 9; it never falls back to the CPU.",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "ONNX Runtime intra-op threads and noise workers (default 1: on 2-core machines one thread is often fastest).",
        DefaultValueFactory = _ => 1,
    };

    public static SessionSettings Session(string device, int threads) => new()
    {
        Device = device switch
        {
            "cpu" => ComputeDevice.Cpu,
            "cuda" => ComputeDevice.Cuda,
            _ => throw new ConfigException("device", $"must be cpu or cuda, got '{device}'"),
        },
        Threads = threads,
    };
}
