namespace EiRnn.Analysis.Behaviour;

/// <summary>
/// What the behavioural analyses need from one row of the trials table. <see cref="Stimulus"/> is the signed
/// condition value on the psychometric axis (signed coherence in %, or a rate in events/s);
/// <see cref="Choice"/> is the 0-based output index (null: no response, e.g. no threshold crossing);
/// <see cref="Correct"/> is null when undefined (e.g. coherence 0); <see cref="RtMs"/> is null when not measured.
/// </summary>
public readonly record struct TrialBehaviour(double Stimulus, int? Choice, bool? Correct, double? RtMs = null);

/// <summary>Per-condition behavioural sufficient statistics (plus the correct-trial RTs, needed for RT bootstraps).</summary>
public sealed record ConditionBehaviour(
    double Stimulus,
    int Trials,
    int Responded,
    int Positive,
    int Scored,
    int Correct,
    IReadOnlyList<double> CorrectRtMs)
{
    /// <summary>Trials without a response (excluded from the curve and from % correct, but counted).</summary>
    public int NoResponse => Trials - Responded;
}
