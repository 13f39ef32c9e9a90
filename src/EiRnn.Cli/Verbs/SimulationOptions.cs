using System.CommandLine;
using EiRnn.Simulation.Session;

namespace EiRnn.Cli.Verbs;

/// <summary>Options shared by `simulate` and `sweep` (ONNX Runtime session and model file).</summary>
internal static class SimulationOptions
{
    public static Option<string> Model() => new("--model") { Description = "A model.onnx following the EiRnnPipeline contract.", Required = true };

    public static Option<ComputeDevice> Device() => EnumOption.Create("--device",
        "cpu or cuda. cuda needs a build with -p:OrtFlavor=Gpu and CUDA 13.x + cuDNN 9.x; it never falls back to the CPU.",
        ComputeDevice.Cpu);

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads to keep busy (default 1). On the CPU each thread simulates its own share of every block of trials (one ONNX Runtime thread each; same results as one thread). With --device cuda a quarter of them prepare the next chunk while the GPU runs the current one.",
        DefaultValueFactory = _ => 1,
    };

    public static Option<ExecutionStrategy?> Strategy() => EnumOption.Optional<ExecutionStrategy>("--strategy",
        "How blocks of trials run with several --threads (docs/performance.md#execution-strategies): serial (one thread feeds and runs in turn), " +
        "lanes (each thread simulates its own share of the trials; the CPU default) or pipelined (threads prepare the next chunk while ONNX Runtime " +
        "runs the current one; the CUDA default). Every strategy gives the same results.");

    /// <summary>The session settings of the options above (and --verbose).</summary>
    public static SessionSettings Session(ParseResult parse, Option<ComputeDevice> device, Option<int> threads, Option<ExecutionStrategy?> strategy) =>
        Session(parse.GetValue(device), parse.GetValue(threads), parse.GetValue(strategy), parse.GetValue(CliOptions.Verbose));

    /// <param name="verbose">The CLI's --verbose: also shows ONNX Runtime's native log.</param>
    public static SessionSettings Session(ComputeDevice device, int threads, ExecutionStrategy? strategy, bool verbose) => new()
    {
        Device = device, Threads = threads, Strategy = strategy, NativeLog = verbose,
    };
}
