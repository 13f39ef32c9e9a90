using System.Diagnostics;
using EiRnn.Core.Errors;
using EiRnn.Data;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;
using Microsoft.ML.OnnxRuntime;
using static EiRnn.Onnx.Contract.ModelContract;

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
    private readonly ChunkFeeds[] _feeds;
    private readonly ChunkFeeder _feeder;
    private readonly RunOptions[] _runOptions;
    private readonly int _lanes;
    private readonly (string Name, long[] Shape)[] _ports;
    private readonly bool _lastRates;
    private readonly int _chunkSteps;

    /// <summary>
    /// Fewest steps between saved rates for which chunks of one save interval on the last-rates twin beat
    /// writing r for every step (each ORT run has a fixed cost).
    /// </summary>
    private const int MinLastRatesStride = 8;
    private float[] _zFull = [], _zSaved = [], _rSaved = [];

    public TrialSimulator(ModelSession session, ICognitiveTask task, SimulationSettings settings)
    {
        (_session, _task, Settings) = (session, task, settings.Validated());
        var model = session.Model;
        long rows = (long)Settings.TrialsPerChunk * Settings.StepsPerChunk;
        if (rows * Math.Max(model.N, model.Nin) > Array.MaxLength)
            throw new ConfigException("steps_per_chunk",
                $"{Settings.TrialsPerChunk} trials x {Settings.StepsPerChunk} steps x N = {model.N} exceeds one array; use smaller chunks");
        var scalars = new List<(string, float)>();
        AddScalar(scalars, model, Inputs.Dt, Settings.DtMs, model.DefaultDtMs);
        AddScalar(scalars, model, Inputs.SigmaIn, Settings.SigmaIn ?? model.DefaultSigmaIn, model.DefaultSigmaIn);
        AddScalar(scalars, model, Inputs.SigmaRec, Settings.SigmaRec ?? model.DefaultSigmaRec, model.DefaultSigmaRec);
        _ports = BlockPorts.Neutral.Constants(model.Nin).Where(p => session.InputNames.Contains(p.Name)).Select(p => (p.Name, p.Shape)).ToArray();
        int stride = SaveGrid.StrideFor(Settings.DtMs, Settings.DtSaveMs);
        _lastRates = session.HasLastRatesTwin && (!Settings.SaveRates || stride >= MinLastRatesStride && stride <= Settings.StepsPerChunk);
        // On the last-rates twin with rates saved, every time chunk is one save interval, so its last step is the saved sample.
        _chunkSteps = _lastRates && Settings.SaveRates ? stride : Settings.StepsPerChunk;
        Pipelined = session.Settings.EffectiveStrategy == ExecutionStrategy.Pipelined;
        _lanes = session.Settings.TrialLanes; // one unless the strategy is trial lanes
        int feederWorkers = Math.Max(1, session.Settings.FeederThreads);
        // Lanes share a block's trials, so each holds at most its share of a full trial chunk.
        _feeds = Enumerable.Range(0, Pipelined ? 2 : _lanes)
            .Select(_ => new ChunkFeeds(model.N, model.Nin, model.Nout, LaneTrials(Settings.TrialsPerChunk), _chunkSteps, session.Layout, scalars, _ports, _lastRates)).ToArray();
        _runOptions = Enumerable.Range(0, _lanes).Select(_ => new RunOptions()).ToArray();
        _feeder = new ChunkFeeder(model.N, model.Nin, model.Nout, model.X0, session.Layout, feederWorkers);
    }

    public SimulationSettings Settings { get; }

    /// <summary>True when chunks of several trials run on the session's last-rates twin (ModelSession.HasLastRatesTwin).</summary>
    public bool UsesLastRatesTwin => _lastRates;

    /// <summary>True when feeding and collecting overlap the ORT runs (two buffers, a feeder thread; CUDA with several threads).</summary>
    public bool Pipelined { get; }

    /// <summary>Trial lanes: threads that each run their own trial chunks of a block, feeding between their runs (SessionSettings.TrialLanes).</summary>
    public int Lanes => _lanes;

    /// <summary>Cumulative time per phase since this simulator was created.</summary>
    public SimulationStatistics Statistics { get; } = new();

    /// <summary>
    /// Simulates one block of trials and returns it scored and down-sampled. The chunk's z and r arrays are
    /// reused by the next call: consume or copy them before simulating the next block.
    /// </summary>
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
        if (_zFull.Length < (long)b * t * nout) _zFull = new float[(long)b * t * nout];
        // The saved series are reused from block to block (fresh memory costs more than the copies into it).
        var work = new BlockWork(batch, keys, ports, grid, _zFull, Reuse(ref _zSaved, (long)b * grid.SavedSamples * nout),
            Settings.SaveRates ? Reuse(ref _rSaved, (long)b * grid.SavedSamples * n) : null)
        {
            RecurrentNoise = _session.RecurrentNoiseMap(Settings.DtMs, Settings.SigmaRec ?? model.DefaultSigmaRec, ports.SigmaRecScale),
        };
        var chunks = Chunks(b, t);

        // Cancellation also stops a long ORT run midway; a later call starts afresh.
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var o in _runOptions) o.Terminate = false;
        using (cancellationToken.Register(() => { foreach (var o in _runOptions) o.Terminate = true; }))
        {
            if (Pipelined) RunPipelined(work, chunks, cancellationToken);
            else if (_lanes == 1) RunSerially(work, chunks, _feeds[0], _runOptions[0], cancellationToken);
            else RunLanes(work, chunks, cancellationToken);
            ResolveUnseenEndStates(work, cancellationToken);
        }

        long scoring = Stopwatch.GetTimestamp();
        var zFull = _zFull.AsSpan(0, b * t * nout);
        var outcomes = _task.Score(batch, zFull);
        // Every step of every trial's own z is here, whatever the path, chunking or dt_save; the states were checked as chunks were collected.
        for (int i = 0; i < b; i++)
            if (work.StateDiverged[i] || TrialDivergence.OutputsDiverged(batch, zFull, i)) outcomes[i] = TrialOutcome.DivergedTrial;
        Statistics.AddCollect(scoring);
        Statistics.AddBlock(b, t, n);
        long[] trialIds = new long[b], seeds = new long[b];
        for (int i = 0; i < b; i++) { trialIds[i] = block.FirstTrial + i; seeds[i] = unchecked((long)keys[i].TrialSeed); }
        return new TrialChunk(trialIds, seeds, batch.Conditions, outcomes, batch.Periods, grid.SavedSamples, nout, n, work.ZSaved, work.RSaved);
    }

    public void Dispose()
    {
        foreach (var f in _feeds) f.Dispose();
        foreach (var o in _runOptions) o.Dispose();
    }

    /// <summary>The array of exactly <paramref name="length"/> values held in <paramref name="buffer"/>, reallocated when the length changes.</summary>
    private static float[] Reuse(ref float[] buffer, long length)
    {
        if (buffer.Length != length) buffer = new float[length];
        return buffer;
    }

    /// <summary>Trial chunks in order, each cut into time chunks of at most <see cref="_chunkSteps"/> (x_last of one is x_init of the next).</summary>
    private TimeChunk[] Chunks(int trials, int steps)
    {
        var chunks = new List<TimeChunk>();
        int perChunk = Math.Min(LaneTrials(Settings.TrialsPerChunk), LaneTrials(trials));
        for (int b0 = 0; b0 < trials; b0 += perChunk)
        {
            int count = Math.Min(perChunk, trials - b0);
            var graph = count == 1 && _session.RunsSingleTrialsBatchMajor ? SessionGraph.SingleTrialTwin
                : _lastRates ? SessionGraph.LastRates : SessionGraph.Main;
            for (int k0 = 0; k0 < steps; k0 += _chunkSteps)
                chunks.Add(new TimeChunk(b0, count, k0, Math.Min(_chunkSteps, steps - k0), graph));
        }
        return [.. chunks];
    }

    /// <summary>Trials per lane out of <paramref name="trials"/> (all of them with one lane).</summary>
    private int LaneTrials(int trials) => (trials + _lanes - 1) / _lanes;

    /// <summary>
    /// Lane j runs trial chunks j, j + lanes, ... of the block, each with its time chunks in order, on its own
    /// buffers; the chunks write disjoint trials of the block's results. A failing lane stops the others.
    /// </summary>
    private void RunLanes(BlockWork work, TimeChunk[] chunks, CancellationToken cancellationToken)
    {
        var trialChunks = chunks.GroupBy(c => c.FirstTrial).Select(g => g.ToArray()).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = stop.Token.Register(() => { foreach (var o in _runOptions) o.Terminate = true; });
        var lanes = Enumerable.Range(0, Math.Min(_lanes, trialChunks.Length)).Select(lane => Task.Run(() =>
        {
            try
            {
                for (int j = lane; j < trialChunks.Length; j += _lanes)
                    RunSerially(work, trialChunks[j], _feeds[lane], _runOptions[lane], stop.Token);
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None)).ToArray();
        try { Task.WaitAll(lanes, CancellationToken.None); }
        catch (AggregateException e)
        {
            // The first lane's own failure, not the cancellations it caused in the others.
            var cause = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
        }
    }

    private void RunSerially(BlockWork work, TimeChunk[] chunks, ChunkFeeds feeds, RunOptions runOptions, CancellationToken cancellationToken)
    {
        foreach (var c in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = Stopwatch.GetTimestamp();
            if (c.FirstStep > 0) Array.Copy(feeds.XLast, feeds.XInit, c.Trials * _session.Model.N);
            _feeder.Fill(feeds, work, c);
            Statistics.AddFeed(started);
            started = Stopwatch.GetTimestamp();
            RunSession(feeds, c.Graph, runOptions, cancellationToken);
            Statistics.AddRun(started);
            started = Stopwatch.GetTimestamp();
            _feeder.Collect(feeds, work, c);
            Statistics.AddCollect(started);
        }
    }

    /// <summary>
    /// Chunk j runs on one buffer while a feeder thread collects chunk j − 1 from the other buffer and fills
    /// chunk j + 1 into it. Only x_init of a continued chunk waits for the run before it (a copy of x_last).
    /// </summary>
    private void RunPipelined(BlockWork work, TimeChunk[] chunks, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        _feeder.Fill(_feeds[0], work, chunks[0]);
        Statistics.AddFeed(started);
        for (int j = 0; j < chunks.Length; j++)
        {
            ChunkFeeds current = _feeds[j % 2], other = _feeds[(j + 1) % 2];
            int jj = j;
            var feeding = Task.Run(() =>
            {
                long s = Stopwatch.GetTimestamp();
                if (jj > 0) _feeder.Collect(other, work, chunks[jj - 1]);
                Statistics.AddCollect(s);
                s = Stopwatch.GetTimestamp();
                if (jj + 1 < chunks.Length) _feeder.Fill(other, work, chunks[jj + 1]);
                Statistics.AddFeed(s);
            }, CancellationToken.None);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                started = Stopwatch.GetTimestamp();
                RunSession(current, chunks[j].Graph, _runOptions[0], cancellationToken);
                Statistics.AddRun(started);
            }
            finally
            {
                started = Stopwatch.GetTimestamp();
                feeding.GetAwaiter().GetResult(); // never leave the feeder writing into a buffer
                Statistics.AddWait(started);
            }
            if (j + 1 < chunks.Length && chunks[j + 1].FirstStep > 0)
                Array.Copy(current.XLast, other.XInit, chunks[j + 1].Trials * _session.Model.N);
        }
        started = Stopwatch.GetTimestamp();
        _feeder.Collect(_feeds[(chunks.Length - 1) % 2], work, chunks[^1]);
        Statistics.AddCollect(started);
    }

    /// <summary>
    /// A padded trial whose last step fell inside a chunk with a non-finite end state: that state is in its padding,
    /// so it says nothing by itself. The trial runs again alone, in time chunks ending at its own last step, and is
    /// diverged when its state there is non-finite. Only trials that overflowed somewhere pay for this.
    /// </summary>
    private void ResolveUnseenEndStates(BlockWork work, CancellationToken cancellationToken)
    {
        int n = _session.Model.N;
        var feeds = _feeds[0];
        var graph = _session.RunsSingleTrialsBatchMajor ? SessionGraph.SingleTrialTwin : _lastRates ? SessionGraph.LastRates : SessionGraph.Main;
        for (int i = 0; i < work.Batch.BatchSize; i++)
        {
            if (!work.EndStateUnseen[i] || work.StateDiverged[i]) continue;
            int steps = work.Batch.TrialSteps[i];
            for (int k0 = 0; k0 < steps; k0 += _chunkSteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var c = new TimeChunk(i, 1, k0, Math.Min(_chunkSteps, steps - k0), graph);
                if (k0 > 0) Array.Copy(feeds.XLast, feeds.XInit, n);
                _feeder.Fill(feeds, work, c);
                RunSession(feeds, graph, _runOptions[0], cancellationToken);
            }
            work.StateDiverged[i] = TrialDivergence.AnyNonFinite(feeds.XLast.AsSpan(0, n));
        }
    }

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
        if (_ports.Length > 0)
            foreach (var f in _feeds) f.SetConstantPorts(ports.Constants(_session.Model.Nin));
        return ports;
    }

    private void RunSession(ChunkFeeds feeds, SessionGraph graph, RunOptions runOptions, CancellationToken cancellationToken)
    {
        try
        {
            _session.Run(runOptions, feeds.InputNames, feeds.Inputs, feeds.OutputNames, feeds.Outputs, graph);
        }
        catch (OnnxRuntimeException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new SimulationException($"{_session.Model.Path}: ONNX Runtime failed while simulating ({e.Message})", e);
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
