using EiRnn.Analysis.Runs;
using EiRnn.Analysis.Selectivity;
using EiRnn.Analysis.Statistics;
using EiRnn.Data.Reading;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Multisensory;

/// <summary>
/// Per-unit selectivity of a cue task (docs/analysis.md#multisensory-integration): over correct single-cue trials and the
/// evidence period, choice d′ (positive choice versus the other) and cue d′ (first single-cue level versus the second), both
/// with the choice-selectivity formula (docs/analysis.md#choice-selectivity). Positive cue d′ = prefers the first level.
/// </summary>
public sealed record CueSelectivity(IReadOnlyList<double> ChoiceDPrime, IReadOnlyList<double> CueDPrime, int Trials, string FirstCue, string SecondCue)
{
    /// <summary>Units with |d′| ≥ cut-off for the choice, the cue, or both.</summary>
    public bool[] Selective(string factor, double cutOff) => Enumerable.Range(0, ChoiceDPrime.Count).Select(i =>
    {
        bool choice = Math.Abs(ChoiceDPrime[i]) >= cutOff, cue = Math.Abs(CueDPrime[i]) >= cutOff;
        return factor switch { "choice" => choice, "cue" => cue, _ => choice && cue };
    }).ToArray();
}

/// <summary>Streams a cue task's trials (rates time-major [T_save × N]) into <see cref="CueSelectivity"/>.</summary>
public sealed class CueSelectivityAccumulator
{
    private readonly TaskAxes _axes;
    private readonly CueFactor _cues;
    private readonly IReadOnlyList<double> _sampleTimesMs;
    private readonly SelectivityAccumulator _choice, _cue;
    private int _trials;

    public CueSelectivityAccumulator(TaskCapabilities caps, int units, IReadOnlyList<double> sampleTimesMs)
    {
        _cues = caps.Cues is { SingleCueLevels.Count: 2 } c ? c : throw new Core.Errors.AnalysisException("cue selectivity needs a cue factor with two single-cue levels");
        if (caps.Evidence is null) throw new Core.Errors.AnalysisException("cue selectivity needs an evidence factor (the choice)");
        (_axes, _sampleTimesMs) = (TaskAxes.For(caps), sampleTimesMs);
        _choice = new SelectivityAccumulator(units);
        _cue = new SelectivityAccumulator(units);
    }

    public void Add(TrialRecord trial, ReadOnlySpan<float> rates)
    {
        if (trial.Outcome.Correct != true || trial.Outcome.Choice is not int choice || rates.IsEmpty) return;
        int cue = trial.Conditions.String(_cues.Column) is string level ? _cues.SingleCueLevels.ToList().IndexOf(level) : -1;
        if (cue < 0 || _axes.EvidenceWindow(trial.Periods) is not { } window) return;
        var samples = SampleWindow.Of(_sampleTimesMs, window.StartMs, window.EndMs);
        _choice.AddTrial(rates, samples, choice == _axes.Capabilities.Evidence!.PositiveChoice);
        _cue.AddTrial(rates, samples, cue == 0);
        _trials++;
    }

    public CueSelectivity ToResult() =>
        new(_choice.ToResult().DPrime, _cue.ToResult().DPrime, _trials, _cues.SingleCueLevels[0], _cues.SingleCueLevels[1]);
}
