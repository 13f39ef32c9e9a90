using EiRnn.Analysis.Dynamics;
using EiRnn.Analysis.Perturbation;

namespace EiRnn.Analysis.Runs;

/// <summary>One psychometric fit (tables/psychometric_fits.parquet): μ and σ with their bootstrap intervals, over n responded trials.</summary>
public sealed record PsychometricFitRow(string Perturbation, string Curve, double Mu, double MuLo, double MuHi,
    double Sigma, double SigmaLo, double SigmaHi, int N);

/// <summary>Behaviour at one stimulus value (tables/behaviour.parquet). p_correct and mean_rt_ms are NaN where undefined.</summary>
public sealed record ConditionBehaviourRow(string Perturbation, string Curve, double Stimulus, int N, int NoResponse,
    double PChoice1, double PCorrect, double MeanRtMs);

/// <summary>One equal-count duration bin of % correct versus stimulus duration (tables/duration_accuracy.parquet).</summary>
public sealed record DurationBinRow(string Perturbation, double Coherence, double LowerMs, double UpperMs, int N, double PCorrect);

/// <summary>Choice selectivity of one unit (tables/selectivity.parquet).</summary>
public sealed record UnitSelectivityRow(string Perturbation, int Unit, string Type, double DPrime);

/// <summary>
/// One fixed or slow point (tables/fixed_points.parquet) under the constant input of <see cref="Input"/> (the
/// periods it holds in): speed q (ms⁻²), unstable directions and largest real eigenvalue (ms⁻¹) of the Jacobian,
/// start points merged into it, ‖x*‖, active units, and the choice its readout favours with the margin.
/// </summary>
public sealed record FixedPointRow(string Input, string Kind, double Speed, int UnstableDirections, double MaxRealEigenvalue, int StartsMerged,
    double StateNorm, int ActiveUnits, int Choice, double ReadoutMargin)
{
    public bool IsStable => Kind == "fixed" && UnstableDirections == 0 && MaxRealEigenvalue < 0;

    public static FixedPointRow From(string input, StatePoint p, StateReadout readout) => new(input, p.IsFixed ? "fixed" : "slow", p.Speed,
        p.UnstableDirections, p.Eigenvalues.Count == 0 ? double.NaN : p.Eigenvalues[0].Real, p.StartPointsMerged,
        Math.Sqrt(p.State.Sum(v => v * v)), readout.ActiveUnits, readout.Choice, readout.Margin);
}

/// <summary>Trials of one perturbation partition and how many of them diverged (left out of every analysis).</summary>
public sealed record DivergedTrialsRow(string Perturbation, long Trials, long Diverged)
{
    public double Fraction => Trials == 0 ? 0 : (double)Diverged / Trials;
}

/// <summary>Everything an analysis run computed, as typed records (the Parquet tables hold the same rows).</summary>
public sealed record AnalysisResults(
    string Task,
    TaskAxes Axes,
    ulong Seed,
    IReadOnlyList<string> Perturbations,
    string Control,
    IReadOnlyList<PsychometricFitRow> PsychometricFits,
    IReadOnlyList<ConditionBehaviourRow> Behaviour,
    IReadOnlyList<DurationBinRow> DurationAccuracy,
    IReadOnlyList<PerturbationEffect> PerturbationEffects,
    IReadOnlyList<UnitSelectivityRow> Selectivity,
    IReadOnlyList<FixedPointRow> FixedPoints,
    Trajectories.TrajectoryPca? TrajectoryPca,
    Mante.ManteRegression? Mante,
    Romo.RomoTuning? RomoTuning,
    IReadOnlyList<string> Notes,
    string ReportPath,
    IReadOnlyList<string> Figures,
    IReadOnlyList<string> Tables)
{
    /// <summary>Per perturbation partition, in <see cref="Perturbations"/> order.</summary>
    public IReadOnlyList<DivergedTrialsRow> DivergedTrials { get; init; } = [];
}
