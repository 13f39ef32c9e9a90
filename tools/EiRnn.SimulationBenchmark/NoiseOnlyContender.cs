using System.Diagnostics;
using EiRnn.Simulation.Noise;

namespace EiRnn.SimulationBenchmark;

/// <summary>Only the noise every contender needs: noise_in and noise_rec for every (trial, step), chunked alike.</summary>
internal sealed class NoiseOnlyContender : IContender
{
    public string Name => "noise generation only";

    public TimeSpan Run(BenchmarkCase c)
    {
        int nin = 3, bc = Math.Min(c.TrialsPerChunk, c.Trials), s = Math.Min(c.StepsPerChunk, c.Steps);
        var noiseIn = new float[bc * s * nin];
        var noiseRec = new float[bc * s * c.N];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = c.Threads };
        var clock = Stopwatch.StartNew();
        for (int b0 = 0; b0 < c.Trials; b0 += bc)
            for (int k0 = 0; k0 < c.Steps; k0 += s)
            {
                int steps = Math.Min(s, c.Steps - k0), trials = Math.Min(bc, c.Trials - b0);
                Parallel.For(0, trials, parallel, i =>
                {
                    var keys = TrialNoiseKeys.For(c.NoiseSeed, b0 + i);
                    CounterNormals.Fill(keys.InputKey, (long)k0 * nin, noiseIn.AsSpan(i * steps * nin, steps * nin));
                    CounterNormals.Fill(keys.RecurrentKey, (long)k0 * c.N, noiseRec.AsSpan(i * steps * c.N, steps * c.N));
                });
            }
        return clock.Elapsed;
    }
}
