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
    /// Threads a simulation keeps busy. One: feeding (inputs, noise) and collecting run between the ORT runs on
    /// the same thread. More: <see cref="FeederThreads"/> prepare the next chunk and collect the last one while
    /// ONNX Runtime runs the current one on the other <see cref="IntraOpThreads"/>.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Threads that feed and collect while ORT runs: none for one thread, else a quarter (at least one).</summary>
    public int FeederThreads => Threads == 1 ? 0 : Math.Max(1, Threads / 4);

    /// <summary>ONNX Runtime's intra-op threads: those not feeding.</summary>
    public int IntraOpThreads => Threads - FeederThreads;

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
