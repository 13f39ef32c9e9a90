using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Session;

/// <summary>Where ONNX Runtime runs the model (the CLI's <c>--device cpu|cuda</c>).</summary>
public enum ComputeDevice { Cpu, Cuda }

/// <summary>
/// How a simulator runs the blocks of trials it is given (the CLI's <c>--strategy serial|lanes|pipelined</c>); every strategy
/// gives the serial run's bits.
/// </summary>
public enum ExecutionStrategy
{
    /// <summary>One thread feeds, runs and collects each chunk in turn.</summary>
    Serial,

    /// <summary>Trial lanes: each thread runs its own trial chunks of a block with one ONNX Runtime thread (the CPU default).</summary>
    Lanes,

    /// <summary>Feeder threads prepare the next chunk and collect the last while ONNX Runtime runs the current one (the CUDA default).</summary>
    Pipelined,
}

/// <summary>How the ONNX Runtime session is set up (the CLI's <c>--device</c>, <c>--threads</c> and <c>--strategy</c>).</summary>
public sealed record SessionSettings
{
    public const int MaxThreads = 256;

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>
    /// Threads a simulation keeps busy: trial lanes on the CPU, feeder threads plus ONNX Runtime threads on CUDA
    /// (see <see cref="EffectiveStrategy"/>).
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>How blocks of trials are run; null = the device's default (<see cref="EffectiveStrategy"/>).</summary>
    public ExecutionStrategy? Strategy { get; init; }

    /// <summary>
    /// One thread runs serially. With more, the CPU runs trial lanes: each thread simulates its own share of a
    /// block's trials with one ONNX Runtime thread, feeding between its runs; independent trial chunks scale with
    /// the cores, whereas intra-op threads inside one [B,N]x[N,N] product of this size mostly wait
    /// (docs/performance.md#machine-facts). CUDA pipelines: feeder threads prepare the next chunk and collect the last one
    /// while the device runs the current one.
    /// </summary>
    public ExecutionStrategy EffectiveStrategy => Strategy ?? (Threads == 1 ? ExecutionStrategy.Serial
        : Device == ComputeDevice.Cpu ? ExecutionStrategy.Lanes : ExecutionStrategy.Pipelined);

    /// <summary>Trial lanes: all threads when running lanes, else one.</summary>
    public int TrialLanes => EffectiveStrategy == ExecutionStrategy.Lanes ? Threads : 1;

    /// <summary>Threads that feed and collect while ORT runs: when pipelined a quarter of the threads (at least one), else none.</summary>
    public int FeederThreads => EffectiveStrategy == ExecutionStrategy.Pipelined ? Math.Max(1, Threads / 4) : 0;

    /// <summary>ONNX Runtime's intra-op threads: one per lane when running lanes; otherwise the threads not feeding (at least one).</summary>
    public int IntraOpThreads => EffectiveStrategy == ExecutionStrategy.Lanes ? 1 : Math.Max(1, Threads - FeederThreads);

    /// <summary>Run the time-major variant of the graph when the model allows it (faster; same results).</summary>
    public bool PreferTimeMajor { get; init; } = true;

    /// <summary>
    /// Let ONNX Runtime print its own log (warnings and errors, several lines each, e.g. a CUDA library it
    /// cannot load) to the terminal: the CLI's --verbose. Off, only fatal native messages pass; every
    /// failure still reaches the user as our one-line message.
    /// </summary>
    public bool NativeLog { get; init; }

    /// <summary>CUDA device ordinal when <see cref="Device"/> is <see cref="ComputeDevice.Cuda"/>.</summary>
    public int CudaDeviceId { get; init; }

    public SessionSettings Validated()
    {
        if (Threads < 1 || Threads > MaxThreads)
            throw new ConfigException("threads", $"must be in [1, {MaxThreads}], got {Threads}");
        if (CudaDeviceId < 0) throw new ConfigException("cuda_device_id", $"must be >= 0, got {CudaDeviceId}");
        if (!Enum.IsDefined(Device)) throw new ConfigException("device", $"must be cpu or cuda, got {Device}");
        if (Strategy is { } strategy && !Enum.IsDefined(strategy))
            throw new ConfigException("strategy", $"must be serial, lanes or pipelined, got {strategy}");
        return this;
    }
}
