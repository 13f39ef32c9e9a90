using EiRnn.Analysis.Perturbation;
using EiRnn.Analysis.Statistics;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Runs;

/// <summary>Typed result rows turned into the column-typed tables written under OUT/tables/.</summary>
internal static class ResultTableBuilder
{
    private static ResultColumn D<T>(string name, IReadOnlyList<T> rows, Func<T, double> f) => ResultColumn.Of(name, rows.Select(f).ToArray());
    private static ResultColumn I<T>(string name, IReadOnlyList<T> rows, Func<T, int> f) => ResultColumn.Of(name, rows.Select(f).ToArray());
    private static ResultColumn S<T>(string name, IReadOnlyList<T> rows, Func<T, string> f) => ResultColumn.Of(name, rows.Select(f).ToArray());

    public static ResultTable PsychometricFits(IReadOnlyList<PsychometricFitRow> r) => new("psychometric_fits",
    [
        S("perturbation", r, x => x.Perturbation), S("curve", r, x => x.Curve),
        D("mu", r, x => x.Mu), D("mu_lo", r, x => x.MuLo), D("mu_hi", r, x => x.MuHi),
        D("sigma", r, x => x.Sigma), D("sigma_lo", r, x => x.SigmaLo), D("sigma_hi", r, x => x.SigmaHi), I("n", r, x => x.N),
    ]);

    public static ResultTable Behaviour(IReadOnlyList<ConditionBehaviourRow> r, string stimulusColumn) => new("behaviour",
    [
        S("perturbation", r, x => x.Perturbation), S("curve", r, x => x.Curve), D(stimulusColumn, r, x => x.Stimulus),
        I("n", r, x => x.N), I("no_response", r, x => x.NoResponse),
        D("p_choice1", r, x => x.PChoice1), D("p_correct", r, x => x.PCorrect), D("mean_rt_ms", r, x => x.MeanRtMs),
    ]);

    public static ResultTable DurationAccuracy(IReadOnlyList<DurationBinRow> r) => new("duration_accuracy",
    [
        S("perturbation", r, x => x.Perturbation), D("coherence", r, x => x.Coherence), D("lower_ms", r, x => x.LowerMs),
        D("upper_ms", r, x => x.UpperMs), I("n", r, x => x.N), D("p_correct", r, x => x.PCorrect),
    ]);

    public static ResultTable PerturbationEffects(IReadOnlyList<PerturbationEffect> r)
    {
        var rt = r.Select(e => e.MeanRtShiftMs ?? new Estimate(double.NaN, double.NaN, double.NaN)).ToArray();
        return new("perturbation_effects",
        [
            S("perturbation", r, x => x.Perturbation), I("n", r, x => x.PerturbedTrials), I("no_response", r, x => x.PerturbedNoResponse),
            D("accuracy_control", r, x => x.ControlAccuracy), D("accuracy", r, x => x.PerturbedAccuracy),
            D("d_accuracy", r, x => x.AccuracyChange.Value), D("d_accuracy_lo", r, x => x.AccuracyChange.Lower), D("d_accuracy_hi", r, x => x.AccuracyChange.Upper),
            D("d_mu", r, x => x.BiasShift.Value), D("d_mu_lo", r, x => x.BiasShift.Lower), D("d_mu_hi", r, x => x.BiasShift.Upper),
            D("d_sigma", r, x => x.ThresholdShift.Value), D("d_sigma_lo", r, x => x.ThresholdShift.Lower), D("d_sigma_hi", r, x => x.ThresholdShift.Upper),
            D("d_rt_ms", rt, x => x.Value), D("d_rt_ms_lo", rt, x => x.Lower), D("d_rt_ms_hi", rt, x => x.Upper),
        ]);
    }

    public static ResultTable Selectivity(IReadOnlyList<UnitSelectivityRow> r) => new("selectivity",
    [
        S("perturbation", r, x => x.Perturbation), I("unit", r, x => x.Unit), S("type", r, x => x.Type), D("d_prime", r, x => x.DPrime),
    ]);

    public static ResultTable FixedPoints(IReadOnlyList<FixedPointRow> r) => new("fixed_points",
    [
        S("input", r, x => x.Input), S("kind", r, x => x.Kind), D("speed", r, x => x.Speed), I("unstable_directions", r, x => x.UnstableDirections),
        D("max_real_eigenvalue", r, x => x.MaxRealEigenvalue), I("starts_merged", r, x => x.StartsMerged), D("state_norm", r, x => x.StateNorm),
        I("active_units", r, x => x.ActiveUnits), I("choice", r, x => x.Choice), D("readout_margin", r, x => x.ReadoutMargin),
    ]);
}
