using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EiRnn.Simulation.Noise;

namespace EiRnn.SimulationBenchmark;

/// <summary>
/// A plain float32 Euler loop in C# with reused buffers and the same noise, chunking, threads and outputs
/// (z and r of every step into chunk buffers, then the dt_save samples copied out) as the ORT runner.
/// The recurrent drive is Σ_j r_j·W_rec[:, j] over active units only (rectified rates are often 0).
/// </summary>
internal sealed class PlainLoopContender : IContender
{
    private const int Lane = 16;

    public string Name => "C# Euler loop (float32)";

    public string? CannotRun(BenchmarkCase c) =>
        c.Net is null ? "needs the weights in memory (a --model file is run by ORT only until EiRnn.Onnx's reader lands)" : null;

    public TimeSpan Run(BenchmarkCase c)
    {
        var net = c.Net!;
        var k = new Kernel(net, c.DtMs);
        int bc = Math.Min(c.TrialsPerChunk, c.Trials), s = Math.Min(c.StepsPerChunk, c.Steps), stride = 10;
        var zOut = new float[bc * s * net.Nout];
        var rOut = new float[bc * s * net.N];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = c.Threads };
        var workers = new ThreadLocal<Worker>(() => new Worker(net, k.Padded, s), trackAllValues: true);
        var clock = Stopwatch.StartNew();
        foreach (var block in c.Blocks)
        {
            var batch = block.Batch;
            int tSave = batch.Steps / stride;
            var zSaved = new float[batch.BatchSize * tSave * net.Nout];
            var rSaved = new float[batch.BatchSize * tSave * net.N];
            for (int b0 = 0; b0 < batch.BatchSize; b0 += bc)
            {
                int trials = Math.Min(bc, batch.BatchSize - b0);
                var states = new Worker.TrialState[trials];
                for (int i = 0; i < trials; i++) states[i] = new Worker.TrialState(net.X0, k.Padded, TrialNoiseKeys.For(c.NoiseSeed, block.FirstTrial + b0 + i));
                for (int k0 = 0; k0 < batch.Steps; k0 += s)
                {
                    int steps = Math.Min(s, batch.Steps - k0);
                    Parallel.For(0, trials, parallel, i =>
                        workers.Value!.Advance(k, states[i], batch.Inputs.AsSpan(((b0 + i) * batch.Steps + k0) * net.Nin, steps * net.Nin),
                            k0, steps, zOut.AsSpan(i * steps * net.Nout), rOut.AsSpan(i * steps * net.N)));
                    for (int i = 0; i < trials; i++)
                        for (int j = (k0 + stride) / stride - 1; j < tSave && (j + 1) * stride - 1 < k0 + steps; j++)
                        {
                            int row = i * steps + (j + 1) * stride - 1 - k0;
                            Array.Copy(zOut, row * net.Nout, zSaved, ((b0 + i) * tSave + j) * net.Nout, net.Nout);
                            Array.Copy(rOut, row * net.N, rSaved, ((b0 + i) * tSave + j) * net.N, net.N);
                        }
                }
            }
        }
        var elapsed = clock.Elapsed;
        workers.Dispose();
        return elapsed;
    }

    /// <summary>Weights transposed and padded to whole vectors: row j of WRecT is column j of W_rec.</summary>
    private sealed class Kernel
    {
        public Kernel(DaleNetwork net, float dtMs)
        {
            int n = net.N;
            Padded = (n + Lane - 1) / Lane * Lane;
            WRecT = new float[n * Padded]; WInT = new float[net.Nin * Padded]; WOut = new float[net.Nout * Padded];
            Alpha = new float[Padded]; Leak = new float[Padded]; RecScale = new float[Padded];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) WRecT[j * Padded + i] = net.WRec[i * n + j];
                for (int c = 0; c < net.Nin; c++) WInT[c * Padded + i] = net.WIn[i * net.Nin + c];
                Alpha[i] = dtMs / net.TauMs[i]; Leak[i] = 1 - Alpha[i]; RecScale[i] = MathF.Sqrt(2 * Alpha[i]) * net.SigmaRec;
            }
            for (int o = 0; o < net.Nout; o++) net.WOut.AsSpan(o * n, n).CopyTo(WOut.AsSpan(o * Padded));
            InScale = MathF.Sqrt(2 * net.TauInMs / dtMs) * net.SigmaIn;
        }

        public int Padded { get; }
        public float[] WRecT { get; }
        public float[] WInT { get; }
        public float[] WOut { get; }
        public float[] Alpha { get; }
        public float[] Leak { get; }
        public float[] RecScale { get; }
        public float InScale { get; }
    }

    private sealed class Worker(DaleNetwork net, int padded, int maxSteps)
    {
        private readonly float[] _noiseIn = new float[maxSteps * net.Nin];
        private readonly float[] _noiseRec = new float[maxSteps * net.N + Lane];
        private readonly float[] _drive = new float[padded];

        public sealed class TrialState(float[] x0, int padded, TrialNoiseKeys keys)
        {
            public float[] X { get; } = Pad(x0, padded);
            public TrialNoiseKeys Keys => keys;
            private static float[] Pad(float[] v, int length) { var p = new float[length]; v.CopyTo(p, 0); return p; }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Advance(Kernel k, TrialState st, ReadOnlySpan<float> u, int firstStep, int steps, Span<float> z, Span<float> r)
        {
            int n = net.N, nin = net.Nin, p = k.Padded;
            CounterNormals.Fill(st.Keys.InputKey, (long)firstStep * nin, _noiseIn.AsSpan(0, steps * nin));
            CounterNormals.Fill(st.Keys.RecurrentKey, (long)firstStep * n, _noiseRec.AsSpan(0, steps * n));
            var x = st.X;
            ref float wRecT = ref MemoryMarshal.GetArrayDataReference(k.WRecT);
            ref float wInT = ref MemoryMarshal.GetArrayDataReference(k.WInT);
            ref float drive = ref MemoryMarshal.GetArrayDataReference(_drive);
            ref float xr = ref MemoryMarshal.GetArrayDataReference(x);
            for (int step = 0; step < steps; step++)
            {
                _drive.AsSpan().Clear(); // b_rec = 0 in the benchmark network
                for (int c = 0; c < nin; c++)
                {
                    float uc = MathF.Max(net.U0[c] + u[step * nin + c] + k.InScale * _noiseIn[step * nin + c], 0);
                    if (uc != 0) Axpy(uc, ref Unsafe(ref wInT, c * p), ref drive, p);
                }
                for (int j = 0; j < n; j++)
                {
                    float rj = MathF.Max(x[j], 0);
                    if (rj != 0) Axpy(rj, ref Unsafe(ref wRecT, j * p), ref drive, p);
                }
                ref float noise = ref MemoryMarshal.GetArrayDataReference(_noiseRec);
                for (int v = 0; v < p; v += Lane)
                {
                    var xv = Vector512.LoadUnsafe(ref xr, (nuint)v);
                    var updated = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(k.Leak), (nuint)v) * xv
                        + Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(k.Alpha), (nuint)v) * Vector512.LoadUnsafe(ref drive, (nuint)v)
                        + Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(k.RecScale), (nuint)v) * Vector512.LoadUnsafe(ref noise, (nuint)(step * n + v));
                    updated.StoreUnsafe(ref xr, (nuint)v);
                }
                var rRow = r.Slice(step * n, n);
                for (int i = 0; i < n; i++) rRow[i] = MathF.Max(x[i], 0);
                for (int o = 0; o < net.Nout; o++)
                {
                    float acc = 0;
                    var w = k.WOut.AsSpan(o * p, n);
                    for (int j = 0; j < n; j++) acc += w[j] * rRow[j];
                    z[step * net.Nout + o] = acc;
                }
            }
        }

        private static ref float Unsafe(ref float start, int offset) => ref System.Runtime.CompilerServices.Unsafe.Add(ref start, offset);

        private static void Axpy(float a, ref float x, ref float y, int length)
        {
            var av = Vector512.Create(a);
            for (int v = 0; v < length; v += Lane)
                (Vector512.LoadUnsafe(ref y, (nuint)v) + av * Vector512.LoadUnsafe(ref x, (nuint)v)).StoreUnsafe(ref y, (nuint)v);
        }
    }
}
