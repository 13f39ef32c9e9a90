using System.Diagnostics;
using EiRnn.Core.Random;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.SimulationBenchmark;

/// <summary>
/// The floor: only the recurrent product r·W_recᵀ of every step, [TrialsPerChunk, N]×[N, N] in ORT, run
/// Steps times per trial chunk with bound buffers. No noise, no nonlinearity, no input or readout.
/// </summary>
internal sealed class GemmBoundContender : IContender
{
    public string Name => "GEMM bound (ORT MatMul only)";

    public TimeSpan Run(BenchmarkCase c)
    {
        var rng = new RandomStream(1);
        var w = new float[c.N * c.N];
        for (int i = 0; i < w.Length; i++) w[i] = (float)rng.NextNormal() / c.N;
        string dir = Path.GetDirectoryName(c.ModelPath)!;
        string path = BenchmarkModels.MatMulModel(w, c.N, dir);
        using var options = new SessionOptions { IntraOpNumThreads = c.Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(path, options);
        int b = Math.Min(c.TrialsPerChunk, c.Trials);
        var x = GC.AllocateUninitializedArray<float>(b * c.N, pinned: true);
        var y = GC.AllocateUninitializedArray<float>(b * c.N, pinned: true);
        for (int i = 0; i < x.Length; i++) x[i] = (float)Math.Abs(rng.NextNormal());
        using var xv = OrtValue.CreateTensorValueFromMemory(x, [b, c.N]);
        using var yv = OrtValue.CreateTensorValueFromMemory(y, [b, c.N]);
        using var run = new RunOptions();
        string[] inNames = ["x"], outNames = ["y"];
        OrtValue[] ins = [xv], outs = [yv];
        for (int k = 0; k < 10; k++) session.Run(run, inNames, ins, outNames, outs); // warm-up
        int chunks = (c.Trials + b - 1) / b;
        var clock = Stopwatch.StartNew();
        for (int chunk = 0; chunk < chunks; chunk++)
            for (int k = 0; k < c.Steps; k++) session.Run(run, inNames, ins, outNames, outs);
        var elapsed = clock.Elapsed;
        File.Delete(path);
        return elapsed;
    }
}
