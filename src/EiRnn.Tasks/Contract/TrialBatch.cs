namespace EiRnn.Tasks.Contract;

/// <summary>Which epoch durations a trial uses: training (docs/tasks.md, random) or test (fixed, longer fixation).</summary>
public enum TaskTiming { Train, Test }

/// <summary>
/// A named period of one trial in ms from trial start. Sample k (time (k+1)·dt, docs/model.md#time-indexing)
/// belongs to it iff StartMs &lt; (k+1)·dt ≤ EndMs.
/// </summary>
public readonly record struct Period(string Name, double StartMs, double EndMs)
{
    public bool Contains(int sample, double dtMs)
    {
        double t = (sample + 1) * dtMs;
        return t > StartMs && t <= EndMs;
    }
}

/// <summary>
/// Trials as plain arrays, batch-major: inputs u_task [B,T,Nin] (never the baseline u0 or the model's input
/// noise), targets [B,T,Nout], error mask [B,T,Nout] ∈ {0,1}. Trials shorter than T are zero-padded with
/// mask 0. Conditions and periods are per trial.
/// </summary>
public sealed class TrialBatch
{
    public TrialBatch(int batchSize, int steps, int inputCount, int outputCount, float dtMs,
        float[] inputs, float[] targets, float[] mask, int[] trialSteps,
        IReadOnlyList<ITrialCondition> conditions, IReadOnlyList<IReadOnlyList<Period>> periods)
    {
        if (inputs.Length != batchSize * steps * inputCount) throw new ArgumentException("inputs size", nameof(inputs));
        if (targets.Length != batchSize * steps * outputCount) throw new ArgumentException("targets size", nameof(targets));
        if (mask.Length != targets.Length) throw new ArgumentException("mask size", nameof(mask));
        if (trialSteps.Length != batchSize || conditions.Count != batchSize || periods.Count != batchSize)
            throw new ArgumentException("per-trial arrays must have batchSize entries");
        (BatchSize, Steps, InputCount, OutputCount, DtMs) = (batchSize, steps, inputCount, outputCount, dtMs);
        (Inputs, Targets, Mask, TrialSteps, Conditions, Periods) = (inputs, targets, mask, trialSteps, conditions, periods);
    }

    public int BatchSize { get; }
    /// <summary>T: number of time steps (the longest trial).</summary>
    public int Steps { get; }
    public int InputCount { get; }
    public int OutputCount { get; }
    public float DtMs { get; }
    public float[] Inputs { get; }
    public float[] Targets { get; }
    public float[] Mask { get; }
    /// <summary>Unpadded length of each trial in steps.</summary>
    public int[] TrialSteps { get; }
    public IReadOnlyList<ITrialCondition> Conditions { get; }
    public IReadOnlyList<IReadOnlyList<Period>> Periods { get; }

    public int InputIndex(int trial, int step, int channel) => (trial * Steps + step) * InputCount + channel;
    public int OutputIndex(int trial, int step, int output) => (trial * Steps + step) * OutputCount + output;

    /// <summary>
    /// This batch on a longer time axis: inputs, targets and mask are zero after each trial's own end, as
    /// for the padding of unequal trials. Returns this batch when it already has <paramref name="steps"/>.
    /// </summary>
    public TrialBatch PaddedTo(int steps)
    {
        if (steps == Steps) return this;
        if (steps < Steps) throw new ArgumentOutOfRangeException(nameof(steps), $"cannot pad {Steps} steps down to {steps}");
        var inputs = new float[BatchSize * steps * InputCount];
        var targets = new float[BatchSize * steps * OutputCount];
        var mask = new float[targets.Length];
        for (int b = 0; b < BatchSize; b++)
        {
            Array.Copy(Inputs, b * Steps * InputCount, inputs, b * steps * InputCount, Steps * InputCount);
            Array.Copy(Targets, b * Steps * OutputCount, targets, b * steps * OutputCount, Steps * OutputCount);
            Array.Copy(Mask, b * Steps * OutputCount, mask, b * steps * OutputCount, Steps * OutputCount);
        }
        return new TrialBatch(BatchSize, steps, InputCount, OutputCount, DtMs, inputs, targets, mask, TrialSteps, Conditions, Periods);
    }

    public Period? FindPeriod(int trial, string name)
    {
        foreach (var p in Periods[trial]) if (p.Name == name) return p;
        return null;
    }
}
