using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Session;

/// <summary>Where ONNX Runtime runs the model (the CLI's <c>--device cpu|cuda</c>).</summary>
public enum ComputeDevice { Cpu, Cuda }

/// <summary>How the ONNX Runtime session is set up (the CLI's <c>--device</c> and <c>--threads</c>).</summary>
public sealed record SessionSettings
{
    public const int MaxThreads = 256;

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>
    /// Threads a simulation keeps busy. On the CPU each thread is a trial lane (<see cref="TrialLanes"/>); on CUDA,
    /// <see cref="FeederThreads"/> prepare the next chunk and collect the last one while the device runs the current one.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// CPU: every thread runs its own share of a block's trials with one ONNX Runtime thread, feeding between its
    /// runs. Independent trial chunks scale with the cores, whereas intra-op threads inside one [B,N]×[N,N]
    /// product of this size mostly wait (docs/performance.md#machine-facts). CUDA: one lane.
    /// </summary>
    public int TrialLanes => Device == ComputeDevice.Cpu ? Threads : 1;

    /// <summary>Threads that feed and collect while ORT runs: on CUDA with more than one thread a quarter (at least one), else none.</summary>
    public int FeederThreads => Device == ComputeDevice.Cpu || Threads == 1 ? 0 : Math.Max(1, Threads / 4);

    /// <summary>ONNX Runtime's intra-op threads: one per lane on the CPU; on CUDA the threads not feeding.</summary>
    public int IntraOpThreads => Device == ComputeDevice.Cpu ? 1 : Threads - FeederThreads;

    /// <summary>Run the time-major variant of the graph when the model allows it (faster; same results).</summary>
    public bool PreferTimeMajor { get; init; } = true;

    /// <summary>CUDA device ordinal when <see cref="Device"/> is <see cref="ComputeDevice.Cuda"/>.</summary>
    public int CudaDeviceId { get; init; }

    public SessionSettings Validated()
    {
        if (Threads < 1 || Threads > MaxThreads)
            throw new ConfigException("threads", $"must be in [1, {MaxThreads}], got {Threads}");
        if (CudaDeviceId < 0) throw new ConfigException("cuda_device_id", $"must be >= 0, got {CudaDeviceId}");
        if (!Enum.IsDefined(Device)) throw new ConfigException("device", $"must be cpu or cuda, got {Device}");
        return this;
    }
}
