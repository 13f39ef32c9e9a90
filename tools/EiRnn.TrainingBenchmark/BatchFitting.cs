using EiRnn.Tasks.Contract;

/// <summary>A task's batch cut or zero-padded to exactly T steps, so that any (task, T) pair can be timed.</summary>
internal static class BatchFitting
{
    public static TrialBatch ToSteps(TrialBatch b, int steps)
    {
        var inputs = new float[b.BatchSize * steps * b.InputCount];
        var targets = new float[b.BatchSize * steps * b.OutputCount];
        var mask = new float[targets.Length];
        int keep = Math.Min(steps, b.Steps);
        for (int trial = 0; trial < b.BatchSize; trial++)
        {
            Array.Copy(b.Inputs, trial * b.Steps * b.InputCount, inputs, trial * steps * b.InputCount, keep * b.InputCount);
            Array.Copy(b.Targets, trial * b.Steps * b.OutputCount, targets, trial * steps * b.OutputCount, keep * b.OutputCount);
            Array.Copy(b.Mask, trial * b.Steps * b.OutputCount, mask, trial * steps * b.OutputCount, keep * b.OutputCount);
        }
        var trialSteps = b.TrialSteps.Select(s => Math.Min(s, steps)).ToArray();
        return new TrialBatch(b.BatchSize, steps, b.InputCount, b.OutputCount, b.DtMs, inputs, targets, mask, trialSteps,
            b.Conditions, b.Periods);
    }
}
