namespace EiRnn.Analysis.Behaviour;

/// <summary>The first threshold crossing of a trial: which output crossed and when, relative to stimulus onset.</summary>
public readonly record struct ThresholdCrossing(int Choice, double RtMs);

/// <summary>Reaction-time extraction of docs/analysis.md#reaction-time from a trial's saved outputs.</summary>
public static class ReactionTime
{
    public const double DefaultThreshold = 1.0;

    /// <summary>
    /// Scans the saved samples after stimulus onset (sample time &gt; onset, the (start, end] rule of
    /// docs/model.md#time-indexing) for the first at which any output exceeds <paramref name="threshold"/>. The choice is the output
    /// that crosses; if several cross at the same sample, output 2 (index 1) wins, then the lowest index.
    /// Returns null when nothing crosses (the trial is excluded and counted by the caller).
    /// </summary>
    /// <param name="z">The trial's outputs, time-major [T_save × Nout].</param>
    /// <param name="sampleTimesMs">Time of each saved sample from trial start (manifest), length T_save.</param>
    public static ThresholdCrossing? FirstCrossing(ReadOnlySpan<float> z, int nOut, IReadOnlyList<double> sampleTimesMs,
        double stimulusOnsetMs, double threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nOut, 1);
        if (z.Length != sampleTimesMs.Count * nOut)
            throw new Core.Errors.AnalysisException($"z has {z.Length} values, expected T_save·Nout = {sampleTimesMs.Count}·{nOut}");
        for (int t = 0; t < sampleTimesMs.Count; t++)
        {
            if (sampleTimesMs[t] <= stimulusOnsetMs) continue;
            var row = z.Slice(t * nOut, nOut);
            int winner = -1;
            for (int o = 0; o < nOut; o++)
            {
                if (!(row[o] > threshold)) continue;
                if (winner < 0 || o == 1) winner = o;
            }
            if (winner >= 0) return new ThresholdCrossing(winner, sampleTimesMs[t] - stimulusOnsetMs);
        }
        return null;
    }
}

/// <summary>Mean correct-trial RT at one unsigned coherence.</summary>
public sealed record ReactionTimePoint(double Coherence, int CorrectTrials, double MeanRtMs, double StandardErrorMs);

/// <summary>docs/analysis.md#reaction-time summary: mean correct RT per non-zero |stimulus|, all correct RTs, and exclusions.</summary>
public sealed record ReactionTimeSummary(
    IReadOnlyList<ReactionTimePoint> ByCoherence,
    IReadOnlyList<double> CorrectRtMs,
    int NoResponseTrials,
    int Trials)
{
    public static ReactionTimeSummary From(BehaviourSummary behaviour)
    {
        var points = behaviour.Conditions
            .Where(c => c.Stimulus != 0)
            .GroupBy(c => Math.Abs(c.Stimulus))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                double[] rts = g.SelectMany(c => c.CorrectRtMs).ToArray();
                double mean = rts.Length == 0 ? double.NaN : rts.Average();
                double se = rts.Length < 2 ? double.NaN
                    : Math.Sqrt(rts.Sum(v => (v - mean) * (v - mean)) / (rts.Length - 1) / rts.Length);
                return new ReactionTimePoint(g.Key, rts.Length, mean, se);
            })
            .ToArray();
        double[] all = behaviour.Conditions.Where(c => c.Stimulus != 0).SelectMany(c => c.CorrectRtMs).ToArray();
        return new ReactionTimeSummary(points, all, behaviour.NoResponse, behaviour.Trials);
    }
}
