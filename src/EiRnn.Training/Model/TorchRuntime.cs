using System.Runtime.InteropServices;
using TorchSharp;

namespace EiRnn.Training.Model;

/// <summary>
/// Process-wide LibTorch settings a host (CLI, benchmark, tests) applies once before training: the intra-op
/// thread count, and glibc's allocator thresholds. LibTorch allocates every temporary with malloc; glibc
/// maps blocks above its mmap threshold freshly each time and trims freed heap memory, so each [B,T,N]
/// temporary of a step pays first-touch page faults (about 0.5 GB/s here, docs/performance.md#machine-facts). Raising
/// both thresholds keeps freed blocks for reuse: the Ω computation of a step went from ~20 ms to ~1 ms.
/// </summary>
public static class TorchRuntime
{
    private const int MallocTrimThreshold = -1, MallocMmapThreshold = -3;   // glibc mallopt parameters
    private const int KeepUpTo = 1 << 30;

    public static void Configure(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be >= 1");
        torch.set_num_threads(threads);
        KeepFreedMemoryMapped();
    }

    /// <summary>Best effort: only glibc has mallopt; elsewhere the default allocator behaviour stays.</summary>
    public static bool KeepFreedMemoryMapped()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MallocMmapThreshold, KeepUpTo) == 1 && mallopt(MallocTrimThreshold, KeepUpTo) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
