using System.Diagnostics;
using EiRnn.Core.Errors;
using EiRnn.Data;
using EiRnn.Onnx.Variants;
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
    private readonly NoiseScratch[] _scratch;
    private readonly (string Name, long[] Shape)[] _ports;
    private float[] _zFull = [];

    public TrialSimulator(ModelSession session, ICognitiveTask task, SimulationSettings settings)
    {
        (_session, _task, Settings) = (session, task, settings.Validated());
        var model = session.Model;
        long rows = (long)Settings.TrialsPerChunk * Settings.StepsPerChunk;
        if (rows * Math.Max(model.N, model.Nin) > Array.MaxLength)
            throw new ConfigException("steps_per_chunk",
                $"{Settings.TrialsPerChunk} trials x {Settings.StepsPerChunk} steps x N = {model.N} exceeds one array; use smaller chunks");
        var scalars = new List<(string, float)>();
        AddScalar(scalars, model, ContractNames.Dt, Settings.DtMs, model.DefaultDtMs);
        AddScalar(scalars, model, ContractNames.SigmaIn, Settings.SigmaIn ?? model.DefaultSigmaIn, model.DefaultSigmaIn);
        AddScalar(scalars, model, ContractNames.SigmaRec, Settings.SigmaRec ?? model.DefaultSigmaRec, model.DefaultSigmaRec);
        _ports = BlockPorts.Neutral.Constants(model.Nin).Where(p => session.InputNames.Contains(p.Name)).Select(p => (p.Name, p.Shape)).ToArray();
        _feeds = new ChunkFeeds(model.N, model.Nin, model.Nout, Settings.TrialsPerChunk, Settings.StepsPerChunk, session.Layout, scalars, _ports);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = session.Settings.Threads };
        int stagedSteps = session.Layout == FeedLayout.TimeMajor ? Settings.StepsPerChunk : 0;
        var inputStage = new float[stagedSteps * Settings.TrialsPerChunk * model.Nin];
        _scratch = Enumerable.Range(0, session.Settings.Threads).Select(_ => new NoiseScratch(stagedSteps, model.N, inputStage)).ToArray();
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
        var ports = CheckPorts(block);
        var keys = new TrialNoiseKeys[b];
        for (int i = 0; i < b; i++) keys[i] = TrialNoiseKeys.For(Settings.NoiseSeed, block.NoiseIds?[i] ?? block.FirstTrial + i);
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
                _feeds.Bind(bc, s, ports.Lesion is not null, ports.Stim is not null);
                FillFeeds(batch, keys, chunk, ports);
                Statistics.AddFeed(started);
                started = Stopwatch.GetTimestamp();
                RunSession(cancellationToken);
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

    /// <summary>The block's port values (neutral when it has none), checked against the session's inputs and set on the constant feeds.</summary>
    private BlockPorts CheckPorts(TrialBlock block)
    {
        var ports = block.Ports ?? BlockPorts.Neutral;
        if (block.Ports is not null)
        {
            bool Has(string name) => _session.InputNames.Contains(name);
            if (!Has(PortNames.WRecScale) || (ports.Lesion is not null && !(Has(PortNames.LesionMask) && Has(PortNames.LesionInit))) || (ports.Stim is not null && !Has(PortNames.Stim)))
                throw new SimulationException($"{_session.Model.Path}: a perturbed block needs a session over a variant compiled with perturbation ports");
            int b = block.Batch.BatchSize;
            if ((ports.Lesion is { } l && l.Trials != b) || (ports.Stim is { } st && st.Trials != b))
                throw new SimulationException($"perturbation effects are given for a different number of trials than the block's {b}");
            if (ports.InputGain is { } g && g.Length != _session.Model.Nin)
                throw new SimulationException($"input_gain has {g.Length} values, the model has Nin = {_session.Model.Nin}");
            if (block.NoiseIds is { } ids && ids.Count != b)
                throw new SimulationException($"noise ids are given for {ids.Count} trials, the block has {b}");
        }
        if (_ports.Length > 0) _feeds.SetConstantPorts(ports.Constants(_session.Model.Nin));
        return ports;
    }

    private void FillFeeds(TrialBatch batch, TrialNoiseKeys[] keys, TimeChunk c, BlockPorts ports)
    {
        // Trials are independent (own input rows, own counter-addressed noise): split them into one contiguous
        // range per worker, each with its own scratch rows.
        int workers = Math.Min(_scratch.Length, c.Trials);
        Parallel.For(0, workers, _parallel, w =>
        {
            int from = (int)((long)c.Trials * w / workers), to = (int)((long)c.Trials * (w + 1) / workers);
            FillTrials(batch, keys, c, from, to, _scratch[w]);
            FillTimedPorts(ports, c, from, to);
        });
    }

    private void FillTrials(TrialBatch batch, TrialNoiseKeys[] keys, TimeChunk c, int from, int to, NoiseScratch scratch)
    {
        int nin = batch.InputCount, n = _session.Model.N, t = batch.Steps;
        int firstInput = (c.FirstTrial * t + c.FirstStep) * nin;
        long inStart = (long)c.FirstStep * nin, recStart = (long)c.FirstStep * n;
        if (_session.Layout == FeedLayout.BatchMajor)
        {
            for (int i = from; i < to; i++)
            {
                var key = keys[c.FirstTrial + i];
                int row = _feeds.Row(i, 0); // the trial's rows are contiguous
                Array.Copy(batch.Inputs, firstInput + i * t * nin, _feeds.U, row * nin, c.Steps * nin);
                CounterNormals.Fill(key.InputKey, inStart, _feeds.NoiseIn.AsSpan(row * nin, c.Steps * nin));
                CounterNormals.Fill(key.RecurrentKey, recStart, _feeds.NoiseRec.AsSpan(row * n, c.Steps * n));
            }
            return;
        }
        // Time-major: generate each trial's noise contiguously, then spread it into rows (k·trials + i).
        RowTranspose.ToTimeMajor(batch.Inputs, firstInput, t * nin, _feeds.U, c.Trials, from, to, c.Steps, nin);
        var noiseRec = scratch.Recurrent.AsSpan(0, c.Steps * n);
        for (int i = from; i < to; i++)
        {
            var key = keys[c.FirstTrial + i];
            CounterNormals.Fill(key.InputKey, inStart, scratch.InputStage.AsSpan(i * c.Steps * nin, c.Steps * nin));
            CounterNormals.Fill(key.RecurrentKey, recStart, noiseRec);
            for (int k = 0; k < c.Steps; k++) noiseRec.Slice(k * n, n).CopyTo(_feeds.NoiseRec.AsSpan(_feeds.Row(i, k) * n, n));
        }
        RowTranspose.ToTimeMajor(scratch.InputStage, 0, c.Steps * nin, _feeds.NoiseIn, c.Trials, from, to, c.Steps, nin);
    }

    private void FillTimedPorts(BlockPorts ports, TimeChunk c, int from, int to)
    {
        int n = _session.Model.N;
        for (int i = from; i < to; i++)
        {
            int row = _feeds.Row(i, 0); // batch-major (checked by Bind): the trial's rows are contiguous
            if (ports.Lesion is { } lesion)
            {
                lesion.Fill(c.FirstTrial + i, c.FirstStep, c.Steps, n, _feeds.Lesion.AsSpan(row * n));
                var init = _feeds.LesionInit.AsSpan(i * n, n);
                if (c.FirstStep == 0) init.Fill(1f); // r_0 = f(x_0) at time 0 is never in a window
                else lesion.Fill(c.FirstTrial + i, c.FirstStep - 1, 1, n, init);
            }
            ports.Stim?.Fill(c.FirstTrial + i, c.FirstStep, c.Steps, n, _feeds.Stim.AsSpan(row * n));
        }
    }

    /// <summary>
    /// Noise before it is spread into time-major rows: one trial's recurrent noise (per worker), and the input
    /// noise of the whole chunk in trial-major order (shared; each worker writes its own trials).
    /// </summary>
    private sealed class NoiseScratch(int steps, int n, float[] inputStage)
    {
        public float[] Recurrent { get; } = new float[steps * n];
        public float[] InputStage => inputStage;
    }

    private void RunSession(CancellationToken cancellationToken)
    {
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
        int firstZ = (c.FirstTrial * t + c.FirstStep) * nout;
        if (_session.Layout == FeedLayout.TimeMajor)
            RowTranspose.FromTimeMajor(_feeds.Z, c.Trials, c.Steps, nout, _zFull, firstZ, t * nout);
        else
            for (int i = 0; i < c.Trials; i++) Array.Copy(_feeds.Z, i * c.Steps * nout, _zFull, firstZ + i * t * nout, c.Steps * nout);

        for (int j = grid.FirstSavedAtOrAfter(c.FirstStep); j < tSave; j++)
        {
            int k = grid.SampleIndex(j) - c.FirstStep;
            if (k >= c.Steps) break;
            for (int i = 0; i < c.Trials; i++)
            {
                int row = _feeds.Row(i, k);
                long saved = (long)(c.FirstTrial + i) * tSave + j;
                Array.Copy(_feeds.Z, row * nout, zSaved, saved * nout, nout);
                if (rSaved is not null) Array.Copy(_feeds.R, row * n, rSaved, saved * n, n);
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
