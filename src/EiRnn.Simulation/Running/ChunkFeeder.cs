using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Noise;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Running;

/// <summary>
/// A chunk of a block: trials [FirstTrial, FirstTrial + Trials) × steps [FirstStep, FirstStep + Steps), run on
/// one of the session's graphs (a single trial on the batch-major twin, ModelSession.RunsSingleTrialsBatchMajor).
/// </summary>
internal readonly record struct TimeChunk(int FirstTrial, int Trials, int FirstStep, int Steps, SessionGraph Graph = SessionGraph.Main)
{
    public bool OnTwin => Graph == SessionGraph.SingleTrialTwin;
    public bool LastRatesOnly => Graph == SessionGraph.LastRates;
}

/// <summary>What every chunk of one block reads and writes: its trials, noise keys, ports and result arrays.</summary>
internal sealed record BlockWork(TrialBatch Batch, TrialNoiseKeys[] Keys, BlockPorts Ports, SaveGrid Grid, float[] ZFull, float[] ZSaved, float[]? RSaved)
{
    /// <summary>[B] a rate or state of the trial observed inside it was non-finite (each chunk writes only its own trials).</summary>
    public bool[] StateDiverged { get; } = new bool[Batch.BatchSize];

    /// <summary>
    /// [B] the trial ended inside a chunk (it is padded) whose end state is non-finite: its own end state was not
    /// observed, and the simulator resolves it by running the trial alone up to its end (TrialSimulator).
    /// </summary>
    public bool[] EndStateUnseen { get; } = new bool[Batch.BatchSize];

    /// <summary>The per-unit map of noise_rec before it is fed (ModelSession.NoiseRecFeed: ·std, or ·std + α·b_rec), or null.</summary>
    public RowAffine? RecurrentNoise { get; init; }
}

/// <summary>
/// Fills a chunk's feeds (task inputs, counter-based noise, x_init, perturbation rows) and collects its
/// outputs (full-resolution z for scoring, z and r at the saved samples). Trials are independent (own input
/// rows, own counter-addressed noise), so feeding splits them into one contiguous range per worker.
/// </summary>
internal sealed class ChunkFeeder
{
    private readonly int _n, _nin, _nout;
    private readonly float[] _x0;
    private readonly ScanLayout _layout;
    private readonly ParallelOptions _parallel;

    public ChunkFeeder(int n, int nin, int nout, float[] x0, ScanLayout layout, int workers)
    {
        (_n, _nin, _nout, _x0, _layout) = (n, nin, nout, x0, layout);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
    }

    /// <summary>
    /// Binds <paramref name="feeds"/> to the chunk and fills everything but x_init of a chunk that continues
    /// an earlier one (its x_init is that chunk's x_last, copied by the caller once it is known).
    /// </summary>
    public void Fill(ChunkFeeds feeds, BlockWork w, TimeChunk c)
    {
        var ports = w.Ports;
        var lesion = ports.Lesion?.ExtentOf(c.FirstTrial, c.Trials, c.FirstStep, c.Steps);
        // lesion_init: the mask of sample FirstStep − 1 (all ones at trial start: r_0 = f(x_0) is never in a window).
        var lesionInit = ports.Lesion is { } l && c.FirstStep > 0 ? l.ExtentOf(c.FirstTrial, c.Trials, c.FirstStep - 1, 1).Trials : 1;
        var stim = ports.Stim?.ExtentOf(c.FirstTrial, c.Trials, c.FirstStep, c.Steps);
        feeds.Bind(c.Trials, c.Steps, lesion, lesionInit, stim, batchMajorShapes: c.OnTwin, lastRates: c.LastRatesOnly);
        if (c.FirstStep == 0)
            for (int i = 0; i < c.Trials; i++) _x0.CopyTo(feeds.XInit, i * _n);

        int workers = Math.Min(_parallel.MaxDegreeOfParallelism, c.Trials);
        if (workers == 1) FillTrials(feeds, w, c, 0, c.Trials);
        else
            Parallel.For(0, workers, _parallel, k =>
                FillTrials(feeds, w, c, (int)((long)c.Trials * k / workers), (int)((long)c.Trials * (k + 1) / workers)));

        if (ports.Lesion is { } mask)
        {
            mask.Fill(c.FirstTrial, c.FirstStep, lesion!.Value, _n, (i, k) => feeds.RowIn(lesion.Value.Trials, lesion.Value.Steps, i, k), feeds.Lesion!);
            if (c.FirstStep == 0) feeds.LesionInit.AsSpan(0, _n).Fill(1f);
            else mask.Fill(c.FirstTrial, c.FirstStep - 1, new PortExtent(lesionInit, 1), _n, (i, _) => i, feeds.LesionInit!);
        }
        if (ports.Stim is { } current)
            current.Fill(c.FirstTrial, c.FirstStep, stim!.Value, _n, (i, k) => feeds.RowIn(stim.Value.Trials, stim.Value.Steps, i, k), feeds.Stim!);
    }

    /// <summary>
    /// Copies the chunk's outputs: z at full resolution (for scoring) and z, r at the saved samples. A chunk on the
    /// last-rates twin has r only for its last step, which is a saved sample when the chunk ends on the save grid.
    /// </summary>
    public void Collect(ChunkFeeds feeds, BlockWork w, TimeChunk c)
    {
        CheckStates(feeds, w, c);
        int t = w.Batch.Steps, tSave = w.Grid.SavedSamples;
        int firstZ = (c.FirstTrial * t + c.FirstStep) * _nout;
        if (_layout == ScanLayout.TimeMajor)
            RowTranspose.FromTimeMajor(feeds.Z, c.Trials, c.Steps, _nout, w.ZFull, firstZ, t * _nout);
        else
            for (int i = 0; i < c.Trials; i++) Array.Copy(feeds.Z, i * c.Steps * _nout, w.ZFull, firstZ + i * t * _nout, c.Steps * _nout);

        for (int j = w.Grid.FirstSavedAtOrAfter(c.FirstStep); j < tSave; j++)
        {
            int k = w.Grid.SampleIndex(j) - c.FirstStep;
            if (k >= c.Steps) break;
            for (int i = 0; i < c.Trials; i++)
            {
                int row = feeds.Row(i, k);
                long saved = (long)(c.FirstTrial + i) * tSave + j;
                Array.Copy(feeds.Z, row * _nout, w.ZSaved, saved * _nout, _nout);
                if (w.RSaved is null) continue;
                if (!c.LastRatesOnly) Array.Copy(feeds.R, row * _n, w.RSaved, saved * _n, _n);
                else if (k == c.Steps - 1) Array.Copy(feeds.RLast, i * _n, w.RSaved, saved * _n, _n);
                else throw new InvalidOperationException($"a last-rates chunk must end on each saved sample (step {c.FirstStep + k} is one)");
            }
        }
    }

    /// <summary>
    /// Flags trials whose rates r or state x_last observed inside the trial (padding excluded) are non-finite.
    /// x_last is read because a state at −Inf gives r = 0 and a finite z; a non-finite state stays non-finite
    /// (x·(1 − α) + α·(...) is ±Inf or NaN), so the check does not depend on where the chunk boundaries fall
    /// as long as the trial's last step ends a chunk; when it does not (a padded trial), a non-finite state at the
    /// end of its last chunk marks it for <see cref="BlockWork.EndStateUnseen"/> (docs/diverged-trials.md).
    /// </summary>
    private void CheckStates(ChunkFeeds feeds, BlockWork w, TimeChunk c)
    {
        for (int i = 0; i < c.Trials; i++)
        {
            int trial = c.FirstTrial + i;
            int own = Math.Min(c.Steps, w.Batch.TrialSteps[trial] - c.FirstStep); // steps of this chunk inside the trial
            if (own <= 0 || w.StateDiverged[trial]) continue;
            bool endsInside = own == c.Steps;
            if (!endsInside && TrialDivergence.AnyNonFinite(feeds.XLast.AsSpan(i * _n, _n))) w.EndStateUnseen[trial] = true;
            bool bad = endsInside && TrialDivergence.AnyNonFinite(feeds.XLast.AsSpan(i * _n, _n));
            if (c.LastRatesOnly) bad |= endsInside && TrialDivergence.AnyNonFinite(feeds.RLast.AsSpan(i * _n, _n));
            else if (_layout == ScanLayout.BatchMajor || c.OnTwin || c.Trials == 1)
                bad |= TrialDivergence.AnyNonFinite(feeds.R.AsSpan(feeds.Row(i, 0) * _n, own * _n));
            else
                for (int k = 0; k < own && !bad; k++) bad = TrialDivergence.AnyNonFinite(feeds.R.AsSpan(feeds.Row(i, k) * _n, _n));
            if (bad) w.StateDiverged[trial] = true;
        }
    }

    private void FillTrials(ChunkFeeds feeds, BlockWork w, TimeChunk c, int from, int to)
    {
        var batch = w.Batch;
        int t = batch.Steps;
        int firstInput = (c.FirstTrial * t + c.FirstStep) * _nin;
        if (_layout == ScanLayout.BatchMajor)
        {
            long inStart = (long)c.FirstStep * _nin, recStart = (long)c.FirstStep * _n;
            for (int i = from; i < to; i++)
            {
                var key = w.Keys[c.FirstTrial + i];
                int row = feeds.Row(i, 0); // the trial's rows are contiguous
                Array.Copy(batch.Inputs, firstInput + i * t * _nin, feeds.U, row * _nin, c.Steps * _nin);
                CounterNormals.Fill(key.InputKey, inStart, feeds.NoiseIn.AsSpan(row * _nin, c.Steps * _nin));
                CounterNormals.Fill(key.RecurrentKey, recStart, feeds.NoiseRec.AsSpan(row * _n, c.Steps * _n));
            }
            return;
        }
        // Time-major rows (k·trials + i): each trial's noise goes straight into its rows, trials·width apart.
        RowTranspose.ToTimeMajor(batch.Inputs, firstInput, t * _nin, feeds.U, c.Trials, from, to, c.Steps, _nin);
        // The single-trial twin is the batch-major graph, which scales the noise itself.
        var recurrent = c.OnTwin ? null : w.RecurrentNoise;
        for (int i = from; i < to; i++)
        {
            var key = w.Keys[c.FirstTrial + i];
            int row = feeds.Row(i, 0);
            NoiseRows.Write(key.InputKey, c.FirstStep, c.Steps, _nin, feeds.NoiseIn.AsSpan(row * _nin), c.Trials * _nin);
            NoiseRows.Write(key.RecurrentKey, c.FirstStep, c.Steps, _n, feeds.NoiseRec.AsSpan(row * _n), c.Trials * _n, recurrent);
        }
    }
}
