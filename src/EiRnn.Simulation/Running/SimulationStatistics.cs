using System.Diagnostics;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Where a simulator's time went, cumulative over its lifetime: preparing feeds (inputs and noise), ONNX
/// Runtime, and collecting outputs (copies, down-sampling, scoring). For progress lines and benchmarks.
/// With several trial lanes the phases add up over the lanes (thread time, not wall time).
/// </summary>
public sealed class SimulationStatistics
{
    private long _feedTicks, _runTicks, _collectTicks, _waitTicks;

    public long Trials { get; private set; }

    /// <summary>Σ over trials of steps × N (the benchmark's unit-steps).</summary>
    public long UnitSteps { get; private set; }

    public TimeSpan Feeds => Stopwatch.GetElapsedTime(0, _feedTicks);
    public TimeSpan OnnxRuntime => Stopwatch.GetElapsedTime(0, _runTicks);
    public TimeSpan Collect => Stopwatch.GetElapsedTime(0, _collectTicks);

    /// <summary>Time the runner waited for the feeder after an ORT run (pipelined simulators only).</summary>
    public TimeSpan WaitForFeeder => Stopwatch.GetElapsedTime(0, _waitTicks);

    internal void AddFeed(long since) => Interlocked.Add(ref _feedTicks, Stopwatch.GetTimestamp() - since);
    internal void AddRun(long since) => Interlocked.Add(ref _runTicks, Stopwatch.GetTimestamp() - since);
    internal void AddCollect(long since) => Interlocked.Add(ref _collectTicks, Stopwatch.GetTimestamp() - since);
    internal void AddWait(long since) => Interlocked.Add(ref _waitTicks, Stopwatch.GetTimestamp() - since);

    internal void AddBlock(int trials, int steps, int n)
    {
        Trials += trials;
        UnitSteps += (long)trials * steps * n;
    }

    public override string ToString() =>
        $"{Trials} trials: feeds {Feeds.TotalSeconds:F2} s, onnxruntime {OnnxRuntime.TotalSeconds:F2} s, collect {Collect.TotalSeconds:F2} s";
}
