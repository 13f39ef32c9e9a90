using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Tests;

/// <summary>
/// Validation scoring of a trial whose outputs overflow: it is diverged (no choice) and counts as an error in the
/// task's performance, which training validation reports (Trainer.Validate calls Performance). Outputs are written
/// by hand: every trial answers correctly at its end, then one trial gets a NaN before its end.
/// </summary>
[TestClass]
public sealed class DivergedScoringTests
{
    /// <summary>z that answers each trial's correct choice at every one of its own steps (catch trials: output 0).</summary>
    private static float[] CorrectOutputs(TrialBatch batch)
    {
        var z = new float[batch.BatchSize * batch.Steps * batch.OutputCount];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            int right = ((IChoiceCondition)batch.Conditions[b]).CorrectChoice ?? 0;
            for (int k = 0; k < batch.TrialSteps[b]; k++) z[batch.OutputIndex(b, k, right)] = 1;
        }
        return z;
    }

    /// <summary>The first trial with a defined correct choice that is padded (shorter than the batch), and another such trial.</summary>
    private static (int Diverging, int PaddedOnly) Pick(TrialBatch batch)
    {
        var padded = Enumerable.Range(0, batch.BatchSize)
            .Where(b => ((IChoiceCondition)batch.Conditions[b]).CorrectChoice is not null && batch.TrialSteps[b] < batch.Steps).ToArray();
        Assert.IsTrue(padded.Length >= 2, "the validation batch needs two padded trials with a correct answer");
        return (padded[0], padded[1]);
    }

    [TestMethod]
    public void ANaNInsideAValidationTrialMakesItAnErrorAndOneInItsPaddingDoesNot()
    {
        var task = new RdmVariableTask();
        var batch = task.ValidationBatch(24, 20f, new RandomStream(3));
        var z = CorrectOutputs(batch);
        Assert.AreEqual(1.0, task.Performance(batch, z), "every trial answers correctly before the NaNs");

        var (diverging, paddedOnly) = Pick(batch);
        z[batch.OutputIndex(diverging, batch.TrialSteps[diverging] / 2, 1)] = float.NaN;     // mid-trial, its end stays correct
        z[batch.OutputIndex(paddedOnly, batch.TrialSteps[paddedOnly], 0)] = float.PositiveInfinity; // first padded step
        var outcomes = task.Score(batch, z);
        Assert.AreEqual(TrialOutcome.DivergedTrial, outcomes[diverging]);
        Assert.IsFalse(outcomes[paddedOnly].Diverged, "a NaN in the padding is not the trial's own output");
        Assert.AreEqual(1, outcomes.Count(o => o.Diverged));

        // Counted independently: trials with a defined correct answer, all right but the diverged one.
        int scored = Enumerable.Range(0, batch.BatchSize).Count(b => ((IChoiceCondition)batch.Conditions[b]).CorrectChoice is not null);
        Assert.AreEqual((scored - 1) / (double)scored, task.Performance(batch, z), 1e-12);
    }

    [TestMethod]
    public void RomoCountsADivergedTrialAsAnErrorOfItsFrequencyPair()
    {
        var task = new RomoTask();
        var batch = task.ValidationBatch(120, 20f, new RandomStream(5));
        var z = CorrectOutputs(batch);
        Assert.AreEqual(1.0, task.Performance(batch, z));
        int diverging = Enumerable.Range(0, batch.BatchSize).First(b => !batch.Conditions[b].IsCatch);
        z[batch.OutputIndex(diverging, 0, 0)] = float.NaN;
        var pair = (RomoCondition)batch.Conditions[diverging];
        int inPair = batch.Conditions.Count(c => c is RomoCondition { IsCatch: false } r && r.F1Hz == pair.F1Hz && r.F2Hz == pair.F2Hz);
        Assert.AreEqual((inPair - 1) / (double)inPair, task.Performance(batch, z), 1e-12, "the worst pair is the one with the diverged trial");
    }
}
