using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Tests.Support;

/// <summary>Outputs built from a batch's own correct answer, independently of the task's scorer.</summary>
internal static class SyntheticOutputs
{
    /// <summary>The target itself: the ideal network.</summary>
    public static float[] Ideal(TrialBatch batch) => (float[])batch.Targets.Clone();

    /// <summary>The opposite answer: discrete-choice tasks get their output channels reversed (the right
    /// choice's hi goes to the other output); regression tasks (sequence) get the negated target.</summary>
    public static float[] Opposite(TrialBatch batch, bool regression)
    {
        var z = new float[batch.Targets.Length];
        int nout = batch.OutputCount;
        for (int row = 0; row < z.Length / nout; row++)
            for (int o = 0; o < nout; o++)
                z[row * nout + o] = regression ? -batch.Targets[row * nout + o] : batch.Targets[row * nout + (nout - 1 - o)];
        return z;
    }
}
