namespace EiRnn.Analysis.Statistics;

/// <summary>A half-open range [First, End) of saved-sample indices.</summary>
public readonly record struct SampleWindow(int First, int End)
{
    public int Count => Math.Max(0, End - First);

    /// <summary>
    /// The samples that belong to the period (startMs, endMs] (docs/model.md#time-indexing: a sample at time t is in the
    /// period iff start &lt; t ≤ end). Sample times must be increasing.
    /// </summary>
    public static SampleWindow Of(IReadOnlyList<double> sampleTimesMs, double startMs, double endMs)
    {
        int first = 0;
        while (first < sampleTimesMs.Count && sampleTimesMs[first] <= startMs) first++;
        int end = first;
        while (end < sampleTimesMs.Count && sampleTimesMs[end] <= endMs) end++;
        return new SampleWindow(first, end);
    }
}
