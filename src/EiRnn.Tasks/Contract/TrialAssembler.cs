using EiRnn.Core.Errors;

namespace EiRnn.Tasks.Contract;

/// <summary>
/// Builds a <see cref="TrialBatch"/> from per-trial plans: each plan knows its length and fills its own
/// rows of the input, target and mask arrays. Padding to the longest trial (mask 0) is done here.
/// </summary>
public static class TrialAssembler
{
    /// <summary>One trial's contribution: its length and a writer for its time steps.</summary>
    public interface ITrialPlan
    {
        ITrialCondition Condition { get; }
        IReadOnlyList<Period> Periods { get; }
        /// <summary>Trial length in ms (a multiple of dt after flooring).</summary>
        double DurationMs { get; }
        /// <summary>Fills sample k (time (k+1)·dt) of this trial: input [Nin], target [Nout], mask [Nout].</summary>
        void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask);
    }

    public static int StepsFor(double durationMs, float dtMs)
    {
        if (dtMs <= 0 || !float.IsFinite(dtMs)) throw new TaskException($"dt must be > 0 ms, got {dtMs}");
        // Durations are floored to dt multiples by the tasks; the epsilon absorbs float round-off.
        int steps = (int)Math.Floor(durationMs / dtMs + 1e-6);
        if (steps < 1) throw new TaskException($"a trial of {durationMs} ms is shorter than one step of {dtMs} ms");
        return steps;
    }

    public static TrialBatch Assemble(IReadOnlyList<ITrialPlan> plans, int nin, int nout, float dtMs)
    {
        int b = plans.Count;
        if (b == 0) throw new TaskException("a batch needs at least one trial");
        var trialSteps = new int[b];
        int steps = 0;
        for (int i = 0; i < b; i++) { trialSteps[i] = StepsFor(plans[i].DurationMs, dtMs); steps = Math.Max(steps, trialSteps[i]); }
        long total = (long)b * steps * Math.Max(nin, nout);
        if (total > int.MaxValue / 2) throw new TaskException($"batch of {b} trials x {steps} steps is too large; use smaller chunks");
        var inputs = new float[b * steps * nin];
        var targets = new float[b * steps * nout];
        var mask = new float[b * steps * nout];
        var conds = new ITrialCondition[b];
        var periods = new IReadOnlyList<Period>[b];
        for (int i = 0; i < b; i++)
        {
            var p = plans[i];
            conds[i] = p.Condition; periods[i] = p.Periods;
            for (int k = 0; k < trialSteps[i]; k++)
            {
                int row = i * steps + k;
                p.Fill(k, (k + 1) * (double)dtMs, inputs.AsSpan(row * nin, nin), targets.AsSpan(row * nout, nout), mask.AsSpan(row * nout, nout));
            }
        }
        return new TrialBatch(b, steps, nin, nout, dtMs, inputs, targets, mask, trialSteps, conds, periods);
    }

    /// <summary>Floors a duration to a multiple of dt (docs/model.md#time-indexing: random epoch durations).</summary>
    public static double FloorToDt(double ms, float dtMs) => Math.Floor(ms / dtMs + 1e-9) * dtMs;
}
