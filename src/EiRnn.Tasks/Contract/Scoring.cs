using EiRnn.Core.Errors;

namespace EiRnn.Tasks.Contract;

/// <summary>Shared performance measures over scored trials.</summary>
public static class Scoring
{
    /// <summary>Fraction correct over trials whose correctness is defined (catch and c = 0 excluded); a diverged
    /// trial counts as an error, so a network that overflows never meets its criterion by luck of NaN comparisons.</summary>
    public static double FractionCorrect(IReadOnlyList<TrialOutcome> outcomes)
    {
        int n = 0, right = 0;
        foreach (var o in outcomes)
        {
            if (o.Diverged) { n++; continue; }
            if (o.Correct is not bool ok) continue;
            n++; if (ok) right++;
        }
        return n == 0 ? double.NaN : (double)right / n;
    }

    /// <summary>
    /// Minimum over condition groups of the fraction correct (Romo, docs/tasks.md#romo). Trials with undefined
    /// correctness are ignored; groups are formed by <paramref name="groupKey"/> of each trial's condition. A diverged
    /// trial counts as an error in its group.
    /// </summary>
    public static double MinFractionCorrectOverConditions<TKey>(TrialBatch batch, IReadOnlyList<TrialOutcome> outcomes,
        Func<ITrialCondition, TKey> groupKey) where TKey : notnull
    {
        var counts = new Dictionary<TKey, (int N, int Right)>();
        for (int b = 0; b < outcomes.Count; b++)
        {
            bool ok;
            if (outcomes[b].Diverged) ok = false;
            else if (outcomes[b].Correct is bool defined) ok = defined;
            else continue;
            var key = groupKey(batch.Conditions[b]);
            counts.TryGetValue(key, out var c);
            counts[key] = (c.N + 1, c.Right + (ok ? 1 : 0));
        }
        return counts.Count == 0 ? double.NaN : counts.Values.Min(c => (double)c.Right / c.N);
    }

    /// <summary>Choice = index of the larger output at the trial's last (unpadded) sample; a tie goes to the
    /// lower index (docs/tasks.md#common-rules-of-the-pycog-two-choice-tasks).</summary>
    public static int ChoiceAtTrialEnd(TrialBatch batch, ReadOnlySpan<float> z, int trial)
    {
        int at = batch.OutputIndex(trial, batch.TrialSteps[trial] - 1, 0);
        return ArgMax(z.Slice(at, batch.OutputCount));
    }

    /// <summary>Scores every trial by <see cref="ChoiceAtTrialEnd"/> against the condition's correct choice;
    /// catch trials get no choice; a trial with non-finite outputs is diverged (<see cref="TrialDivergence"/>).</summary>
    public static TrialOutcome[] ScoreAtTrialEnd(TrialBatch batch, ReadOnlySpan<float> z)
    {
        CheckOutputs(batch, z);
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            var cond = (IChoiceCondition)batch.Conditions[b];
            if (cond.IsCatch) { outcomes[b] = new(null, null, null); continue; }
            int choice = ChoiceAtTrialEnd(batch, z, b);
            outcomes[b] = new(choice, cond.CorrectChoice is int right ? choice == right : null, null);
        }
        return TrialDivergence.MarkOutputsDiverged(batch, z, outcomes);
    }

    /// <summary>
    /// PsychRNN's accuracy rule (docs/tasks.md#scoring): per trial, choice = argmax over outputs of the time-mean of
    /// z⊙mask and truth = the same of targets⊙mask; correct = equal. No reaction time. Trials with an all-zero
    /// mask get no choice (excluded from the accuracy).
    /// </summary>
    public static TrialOutcome[] ScoreMaskedMeanArgmax(TrialBatch batch, ReadOnlySpan<float> z)
    {
        CheckOutputs(batch, z);
        int nout = batch.OutputCount;
        Span<double> zSum = stackalloc double[nout];
        Span<double> ySum = stackalloc double[nout];
        var outcomes = new TrialOutcome[batch.BatchSize];
        for (int b = 0; b < batch.BatchSize; b++)
        {
            zSum.Clear(); ySum.Clear();
            bool anyMask = false;
            for (int k = 0; k < batch.Steps; k++)
            {
                int at = batch.OutputIndex(b, k, 0);
                for (int o = 0; o < nout; o++)
                {
                    anyMask |= batch.Mask[at + o] != 0;
                    zSum[o] += z[at + o] * batch.Mask[at + o];
                    ySum[o] += batch.Targets[at + o] * batch.Mask[at + o];
                }
            }
            // [OURS] A trial whose decision window is empty (a random epoch shorter than dt) has no answer;
            // PsychRNN would count it as correct (argmax of zeros twice), which would inflate accuracy.
            if (!anyMask) { outcomes[b] = new(null, null, null); continue; }
            // The time-mean divides every output by the same T, so argmax of the sums is the same.
            int choice = ArgMax(zSum), truth = ArgMax(ySum);
            outcomes[b] = new(choice, choice == truth, null);
        }
        return TrialDivergence.MarkOutputsDiverged(batch, z, outcomes);
    }

    /// <summary>sqrt(Σ M (z − y)² / Σ M) over the whole batch (docs/training.md#loss).</summary>
    public static double MaskedRmse(TrialBatch batch, ReadOnlySpan<float> z)
    {
        CheckOutputs(batch, z);
        double sum = 0, count = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double m = batch.Mask[i];
            if (m == 0) continue;
            double d = z[i] - batch.Targets[i];
            sum += m * d * d; count += m;
        }
        return count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    public static void CheckOutputs(TrialBatch batch, ReadOnlySpan<float> z)
    {
        if (z.Length != batch.Targets.Length)
            throw new TaskException($"outputs z have {z.Length} values, expected B*T*Nout = {batch.Targets.Length}");
    }
}
