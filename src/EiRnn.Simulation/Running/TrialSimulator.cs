using System.Diagnostics;
using EiRnn.Core.Errors;
using EiRnn.Data;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Running;

/// <summary>
/// Runs trials through a model session: x_init from x0, counter-based noise per (trial, step), ORT over
/// trial chunks and time chunks (x_last of one time chunk is x_init of the next), scoring on the
/// full-resolution z, down-sampling of z and r to dt_save, one <see cref="TrialChunk"/> per trial block.
/// Memory is bounded by the chunk sizes and the largest block, never by the number of blocks.
/// Not thread-safe: use one simulator per worker (they may share a <see cref="ModelSession"/>).
/// </summary>
public sealed class TrialSimulator : IDisposable
{
    private readonly ModelSession _session;
    private readonly ICognitiveTask _task;
    private readonly ChunkFeeds _feeds;
    private readonly RunOptions _runOptions = new();
    private readonly ParallelOptions _parallel;
    private float[] _zFull = [];

    public TrialSimulator(ModelSession session, ICognitiveTask task, SimulationSettings settings)
    {
        (_session, _task, Settings) = (session, task, settings.Validated());
        var model = session.Model;
        var scalars = new List<(string, float)>();
        AddScalar(scalars, model, ContractNames.Dt, Settings.DtMs, model.DefaultDtMs);
        AddScalar(scalars, model, ContractNames.SigmaIn, Settings.SigmaIn ?? model.DefaultSigmaIn, model.DefaultSigmaIn);
        AddScalar(scalars, model, ContractNames.SigmaRec, Settings.SigmaRec ?? model.DefaultSigmaRec, model.DefaultSigmaRec);
        _feeds = new ChunkFeeds(model.N, model.Nin, model.Nout, Settings.TrialsPerChunk, Settings.StepsPerChunk, scalars);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = session.Settings.Threads };
    }

    public SimulationSettings Settings { get; }

    /// <summary>Cumulative time per phase since this simulator was created.</summary>
    public SimulationStatistics Statistics { get; } = new();

    /// <summary>Simulates every block in order and hands each to the sink; returns the number of trials.</summary>
    public async Task<long> RunAsync(IEnumerable<TrialBlock> blocks, ITrialChunkSink sink, CancellationToken cancellationToken)
    {
        long trials = 0;
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = Simulate(block, cancellationToken);
            await sink.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            trials += chunk.Count;
        }
        return trials;
    }

    /// <summary>Simulates one block of trials and returns it scored and down-sampled.</summary>
    public TrialChunk Simulate(TrialBlock block, CancellationToken cancellationToken)
    {
        var batch = block.Batch;
        var model = _session.Model;
        CheckBatch(batch, model);
        int b = batch.BatchSize, t = batch.Steps, n = model.N, nout = model.Nout;
        var grid = SaveGrid.For(Settings.DtMs, Settings.DtSaveMs, t);
        var keys = new TrialNoiseKeys[b];
        for (int i = 0; i < b; i++) keys[i] = TrialNoiseKeys.For(Settings.NoiseSeed, block.FirstTrial + i);
        var zSaved = new float[(long)b * grid.SavedSamples * nout];
        var rSaved = Settings.SaveRates ? new float[(long)b * grid.SavedSamples * n] : null;
        if (_zFull.Length < (long)b * t * nout) _zFull = new float[(long)b * t * nout];

        // Cancellation also stops a long ORT run midway; a later call starts afresh.
        cancellationToken.ThrowIfCancellationRequested();
        _runOptions.Terminate = false;
        using var cancelRegistration = cancellationToken.Register(() => _runOptions.Terminate = true);
        for (int b0 = 0; b0 < b; b0 += Settings.TrialsPerChunk)
        {
            int bc = Math.Min(Settings.TrialsPerChunk, b - b0);
            for (int i = 0; i < bc; i++) model.X0.CopyTo(_feeds.XInit, i * n);
            for (int k0 = 0; k0 < t; k0 += Settings.StepsPerChunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int s = Math.Min(Settings.StepsPerChunk, t - k0);
                var chunk = new TimeChunk(b0, bc, k0, s);
                long started = Stopwatch.GetTimestamp();
                FillFeeds(batch, keys, chunk);
                Statistics.AddFeed(started);
                started = Stopwatch.GetTimestamp();
                RunSession(cancellationToken, bc, s);
                Statistics.AddRun(started);
                started = Stopwatch.GetTimestamp();
                CollectOutputs(batch, grid, chunk, zSaved, rSaved);
                Array.Copy(_feeds.XLast, _feeds.XInit, bc * n);
                Statistics.AddCollect(started);
            }
        }

        long scoring = Stopwatch.GetTimestamp();
        var outcomes = _task.Score(batch, _zFull.AsSpan(0, b * t * nout));
        Statistics.AddCollect(scoring);
        Statistics.AddBlock(b, t, n);
        long[] trialIds = new long[b], seeds = new long[b];
        for (int i = 0; i < b; i++) { trialIds[i] = block.FirstTrial + i; seeds[i] = unchecked((long)keys[i].TrialSeed); }
        return new TrialChunk(trialIds, seeds, batch.Conditions, outcomes, batch.Periods, grid.SavedSamples, nout, n, zSaved, rSaved);
    }

    public void Dispose()
    {
        _feeds.Dispose();
        _runOptions.Dispose();
    }

    private readonly record struct TimeChunk(int FirstTrial, int Trials, int FirstStep, int Steps);

    private void FillFeeds(TrialBatch batch, TrialNoiseKeys[] keys, TimeChunk c)
    {
        int nin = batch.InputCount, n = _session.Model.N, t = batch.Steps;
        var feeds = _feeds;
        // Each trial's rows are independent: its own input slice and its own counter-addressed noise.
        Parallel.For(0, c.Trials, _parallel, i =>
        {
            int row = i * c.Steps;
            Array.Copy(batch.Inputs, ((c.FirstTrial + i) * t + c.FirstStep) * nin, feeds.U, row * nin, c.Steps * nin);
            var key = keys[c.FirstTrial + i];
            CounterNormals.Fill(key.InputKey, (long)c.FirstStep * nin, feeds.NoiseIn.AsSpan(row * nin, c.Steps * nin));
            CounterNormals.Fill(key.RecurrentKey, (long)c.FirstStep * n, feeds.NoiseRec.AsSpan(row * n, c.Steps * n));
        });
    }

    private void RunSession(CancellationToken cancellationToken, int trials, int steps)
    {
        _feeds.Bind(trials, steps);
        try
        {
            _session.Run(_runOptions, _feeds.InputNames, _feeds.Inputs, _feeds.OutputNames, _feeds.Outputs);
        }
        catch (OnnxRuntimeException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new SimulationException($"{_session.Model.Path}: ONNX Runtime failed while simulating ({e.Message})", e);
        }
    }

    private void CollectOutputs(TrialBatch batch, SaveGrid grid, TimeChunk c, float[] zSaved, float[]? rSaved)
    {
        int n = _session.Model.N, nout = _session.Model.Nout, t = batch.Steps, tSave = grid.SavedSamples;
        int firstSaved = grid.FirstSavedAtOrAfter(c.FirstStep);
        for (int i = 0; i < c.Trials; i++)
        {
            int trial = c.FirstTrial + i, row = i * c.Steps;
            Array.Copy(_feeds.Z, row * nout, _zFull, (trial * t + c.FirstStep) * nout, c.Steps * nout);
            for (int j = firstSaved; j < tSave; j++)
            {
                int k = grid.SampleIndex(j) - c.FirstStep;
                if (k >= c.Steps) break;
                Array.Copy(_feeds.Z, (row + k) * nout, zSaved, ((long)trial * tSave + j) * nout, nout);
                if (rSaved is not null) Array.Copy(_feeds.R, (row + k) * n, rSaved, ((long)trial * tSave + j) * n, n);
            }
        }
    }

    private void CheckBatch(TrialBatch batch, SimulationModel model)
    {
        if (batch.InputCount != model.Nin || batch.OutputCount != model.Nout)
            throw new SimulationException(
                $"the task's trials have {batch.InputCount} inputs / {batch.OutputCount} outputs but {model.Path} has Nin = {model.Nin} / Nout = {model.Nout}");
        if (Math.Abs(batch.DtMs - Settings.DtMs) > 1e-6f * Settings.DtMs)
            throw new SimulationException($"trials were generated at dt = {batch.DtMs} ms but the simulation runs at dt = {Settings.DtMs} ms");
    }

    private static void AddScalar(List<(string, float)> scalars, SimulationModel model, string name, float value, float modelDefault)
    {
        if (model.OverridableScalars.Contains(name)) { scalars.Add((name, value)); return; }
        if (value != modelDefault)
            throw new SimulationException($"{model.Path}: '{name}' is not an input of the model, so it cannot be set to {value} (the model's value is {modelDefault})");
    }
}
