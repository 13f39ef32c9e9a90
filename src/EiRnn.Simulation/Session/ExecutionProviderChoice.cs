using EiRnn.Core.Errors;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Session;

/// <summary>
/// Puts the requested execution provider on the session options, or fails. Asking for CUDA where the
/// native ONNX Runtime has no CUDA provider is an error, never a silent run on the CPU.
/// </summary>
internal static class ExecutionProviderChoice
{
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>What ONNX Runtime 1.32's CUDA provider loads (read off libonnxruntime_providers_cuda.so: libcublasLt.so.13, libcudart.so.13).</summary>
    public const string CudaRequirement = "an NVIDIA driver >= 580, CUDA 13.x and cuDNN 9.x on the library path";

    public const string CudaBuildHint =
        "Build with CUDA support: `dotnet build -p:OrtFlavor=Gpu` (uses the Microsoft.ML.OnnxRuntime.Gpu package, whose " +
        "ONNX Runtime 1.32 needs " + CudaRequirement + "), or run with --device cpu.";

    public const string CudaLoadHint =
        "This build has ONNX Runtime's CUDA provider, which needs " + CudaRequirement +
        "; run with --verbose to see which library ONNX Runtime could not load, or run with --device cpu.";

    public static void Apply(SessionOptions options, SessionSettings settings, IReadOnlyCollection<string> availableProviders)
    {
        if (settings.Device == ComputeDevice.Cpu) return;
        if (!availableProviders.Contains(CudaProvider))
            throw new SimulationException(
                "--device cuda: this build's ONNX Runtime has no CUDA execution provider (available: " +
                $"{string.Join(", ", availableProviders)}). {CudaBuildHint}");
        try
        {
            options.AppendExecutionProvider_CUDA(settings.CudaDeviceId);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            throw new SimulationException(
                $"--device cuda: ONNX Runtime could not start CUDA device {settings.CudaDeviceId} ({e.Message}). {CudaLoadHint}", e);
        }
    }
}
