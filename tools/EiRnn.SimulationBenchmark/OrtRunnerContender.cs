using System.Diagnostics;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;

namespace EiRnn.SimulationBenchmark;

/// <summary>
/// The production path: TrialSimulator over an ORT session (noise, chunking, scoring, down-sampling). By
/// default on the case's model (an exported graph runs as its time-major variant); <paramref name="modelPath"/>
/// runs another file with the same network instead, <paramref name="timeMajor"/> = false the file's own
/// batch-major graph.
/// </summary>
internal sealed class OrtRunnerContender(string name, bool timeMajor = true, string? modelPath = null) : IContender
{
    public string Name => name;

    /// <summary>Phase times of the last timed run.</summary>
    public string Breakdown { get; private set; } = "";

    public TimeSpan Run(BenchmarkCase c)
    {
        var model = SimulationModel.Read(modelPath ?? c.ModelPath);
        using var session = ModelSession.Open(model, new SessionSettings { Threads = c.Threads, PreferTimeMajor = timeMajor });
        var settings = new SimulationSettings
        {
            DtMs = c.DtMs, DtSaveMs = 10 * c.DtMs, SaveRates = c.SaveRates, NoiseSeed = c.NoiseSeed,
            TrialsPerChunk = c.TrialsPerChunk, StepsPerChunk = c.StepsPerChunk,
        };
        using var simulator = new TrialSimulator(session, new ConstantInputTask(c.Steps), settings);
        // Warm-up: JIT, ORT's first-run planning, first touch of the feed buffers.
        simulator.Simulate(c.Blocks[0], CancellationToken.None);
        var st = simulator.Statistics;
        var before = (st.Feeds, st.OnnxRuntime, st.Collect, st.WaitForFeeder);
        var clock = Stopwatch.StartNew();
        foreach (var block in c.Blocks) simulator.Simulate(block, CancellationToken.None);
        var elapsed = clock.Elapsed;
        Breakdown = $"{session.Layout} graph, {(simulator.Pipelined ? "pipelined" : simulator.Lanes > 1 ? $"{simulator.Lanes} trial lanes (phase times summed over lanes)" : "serial")}: feeds (inputs + noise) {(st.Feeds - before.Feeds).TotalSeconds:F2} s, " +
                    $"ORT run {(st.OnnxRuntime - before.OnnxRuntime).TotalSeconds:F2} s, collect + score {(st.Collect - before.Collect).TotalSeconds:F2} s" +
                    (simulator.Pipelined ? $", run waited for the feeder {(st.WaitForFeeder - before.WaitForFeeder).TotalSeconds:F2} s" : "");
        return elapsed;
    }
}
