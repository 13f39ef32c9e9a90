using System.Diagnostics;
using EiRnn.Simulation.Noise;
using EiRnn.Training.Model;

namespace EiRnn.SimulationBenchmark;

/// <summary>
/// The training stage's TorchSharp no-grad forward pass (RateNetwork.ForwardNoGrad) doing the same work as
/// the ORT runner: same chunks of trials × steps, the same counter-based noise generated per chunk, x_last of
/// one time chunk carried into the next, outputs copied back to managed arrays.
/// </summary>
internal sealed class TorchSharpContender : IContender
{
    public string Name => "TorchSharp no-grad forward";

    public string? CannotRun(BenchmarkCase c) => c.Net is null ? "needs the weights in memory" : null;

    public TimeSpan Run(BenchmarkCase c)
    {
        var net = c.Net!;
        TorchSharp.torch.set_num_threads(c.Threads);
        var trained = net.ToTrained(c.DtMs);
        using var model = RateNetwork.FromEffective(trained.Spec, trained.Weights!);
        int bc = Math.Min(c.TrialsPerChunk, c.Trials), s = Math.Min(c.StepsPerChunk, c.Steps);
        var u = new float[bc * s * net.Nin];
        var noiseIn = new float[bc * s * net.Nin];
        var noiseRec = new float[bc * s * net.N];
        var x = new float[bc * net.N];
        var clock = Stopwatch.StartNew();
        foreach (var block in c.Blocks)
        {
            var batch = block.Batch;
            for (int b0 = 0; b0 < batch.BatchSize; b0 += bc)
            {
                int trials = Math.Min(bc, batch.BatchSize - b0);
                for (int i = 0; i < trials; i++) net.X0.CopyTo(x, i * net.N);
                for (int k0 = 0; k0 < batch.Steps; k0 += s)
                {
                    int steps = Math.Min(s, batch.Steps - k0);
                    for (int i = 0; i < trials; i++)
                    {
                        var key = TrialNoiseKeys.For(c.NoiseSeed, block.FirstTrial + b0 + i);
                        Array.Copy(batch.Inputs, ((b0 + i) * batch.Steps + k0) * net.Nin, u, i * steps * net.Nin, steps * net.Nin);
                        CounterNormals.Fill(key.InputKey, (long)k0 * net.Nin, noiseIn.AsSpan(i * steps * net.Nin, steps * net.Nin));
                        CounterNormals.Fill(key.RecurrentKey, (long)k0 * net.N, noiseRec.AsSpan(i * steps * net.N, steps * net.N));
                    }
                    var result = model.ForwardNoGrad(u[..(trials * steps * net.Nin)], noiseIn[..(trials * steps * net.Nin)],
                        noiseRec[..(trials * steps * net.N)], x[..(trials * net.N)], trials, steps, c.DtMs);
                    result.XLast.CopyTo(x, 0);
                }
            }
        }
        return clock.Elapsed;
    }
}
