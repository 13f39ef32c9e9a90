using System.Diagnostics;
using EiRnn.Simulation.Noise;

namespace EiRnn.SimulationBenchmark;

/// <summary>Only the noise every contender needs: noise_in and noise_rec for every (trial, step), chunked alike.</summary>
internal sealed class NoiseOnlyContender : IContender
{
    private const int Nin = 3;

    public string Name => "noise generation only";

    public TimeSpan Run(BenchmarkCase c)
    {
        int bc = Math.Min(c.TrialsPerChunk, c.Trials), s = Math.Min(c.StepsPerChunk, c.Steps);
        var noiseIn = new float[bc * s * Nin];
        var noiseRec = new float[bc * s * c.N];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = c.Threads };
        Fill(c, bc, s, 0, 0, noiseIn, noiseRec, parallel); // warm-up: JIT and first touch of the buffers
        var clock = Stopwatch.StartNew();
        for (int b0 = 0; b0 < c.Trials; b0 += bc)
            for (int k0 = 0; k0 < c.Steps; k0 += s) Fill(c, bc, s, b0, k0, noiseIn, noiseRec, parallel);
        return clock.Elapsed;
    }

    private static void Fill(BenchmarkCase c, int bc, int s, int b0, int k0, float[] noiseIn, float[] noiseRec, ParallelOptions parallel)
    {
        int steps = Math.Min(s, c.Steps - k0), trials = Math.Min(bc, c.Trials - b0);
        Parallel.For(0, trials, parallel, i =>
        {
            var keys = TrialNoiseKeys.For(c.NoiseSeed, b0 + i);
            CounterNormals.Fill(keys.InputKey, (long)k0 * Nin, noiseIn.AsSpan(i * steps * Nin, steps * Nin));
            CounterNormals.Fill(keys.RecurrentKey, (long)k0 * c.N, noiseRec.AsSpan(i * steps * c.N, steps * c.N));
        });
    }
}
