namespace EiRnn.Tasks.Contract;

/// <summary>Fills sample k (time (k+1)·dt) of one trial: input [Nin], target [Nout], mask [Nout].</summary>
public delegate void SampleFiller(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask);

/// <summary>
/// A resolved trial (condition with every random duration drawn, periods in ms) plus the code that writes
/// its samples. Tasks build one per trial and hand the list to <see cref="TrialAssembler.Assemble"/>.
/// </summary>
public sealed class TrialPlan(ITrialCondition condition, IReadOnlyList<Period> periods, double durationMs, SampleFiller fill)
    : TrialAssembler.ITrialPlan
{
    public ITrialCondition Condition => condition;
    public IReadOnlyList<Period> Periods => periods;
    public double DurationMs => durationMs;
    public void Fill(int sample, double timeMs, Span<float> input, Span<float> target, Span<float> mask) =>
        fill(sample, timeMs, input, target, mask);
}
