using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Session;

/// <summary>Where ONNX Runtime runs the model (the CLI's <c>--device cpu|cuda</c>).</summary>
public enum ComputeDevice { Cpu, Cuda }

/// <summary>How the ONNX Runtime session is set up (the CLI's <c>--device</c> and <c>--threads</c>).</summary>
public sealed record SessionSettings
{
    public const int MaxThreads = 256;

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>Intra-op threads of the session; also the number of workers that generate noise.</summary>
    public int Threads { get; init; } = 1;

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
