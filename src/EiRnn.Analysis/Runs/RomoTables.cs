using EiRnn.Analysis.Romo;
using EiRnn.Data.Tables;

namespace EiRnn.Analysis.Runs;

/// <summary>The Romo tuning results as tables: fractions per saved sample, and each unit's coefficients at the anchor times.</summary>
internal static class RomoTables
{
    public static ResultTable OverTime(RomoTuning r)
    {
        int n = r.SampleTimesMs.Count;
        double[] Nan() => Enumerable.Repeat(double.NaN, n).ToArray();
        var f2 = r.F2;
        return new("romo_tuning",
        [
            ResultColumn.Of("time_ms", r.SampleTimesMs.ToArray()),
            ResultColumn.Of("f1_tuned", r.FractionTuned.ToArray()), ResultColumn.Of("f1_positive", r.FractionPositive.ToArray()),
            ResultColumn.Of("f1_negative", r.FractionNegative.ToArray()),
            ResultColumn.Of("corr_a1_mid_f1", r.CorrelationWithMidF1.ToArray()), ResultColumn.Of("corr_a1_mid_delay", r.CorrelationWithMidDelay.ToArray()),
            ResultColumn.Of("f2_tuned", f2?.FractionTuned.ToArray() ?? Nan()), ResultColumn.Of("f2_positive", f2?.FractionPositive.ToArray() ?? Nan()),
            ResultColumn.Of("f2_negative", f2?.FractionNegative.ToArray() ?? Nan()),
            ResultColumn.Of("f1_f2_same_sign", f2?.FractionSameSign.ToArray() ?? Nan()), ResultColumn.Of("f1_f2_opposite_sign", f2?.FractionOppositeSign.ToArray() ?? Nan()),
        ]);
    }

    /// <summary>Per unit: a1 and p (f1 only) at mid-f1, mid-delay and the delay end; b1, b2 and their p (joint) at mid-f2.</summary>
    public static ResultTable Units(RomoTuning r)
    {
        int units = r.Slope.Columns;
        int[] ids = Enumerable.Range(0, units).ToArray();
        ResultColumn At(string name, Statistics.ReadOnlyMatrix? m, int t) =>
            ResultColumn.Of(name, ids.Select(i => m is null ? double.NaN : m[t, i]).ToArray());
        var f2 = r.F2;
        int midF2 = f2?.MidF2Sample ?? 0;
        return new("romo_units",
        [
            ResultColumn.Of("unit", ids),
            At("a1_mid_f1", r.Slope, r.MidF1Sample), At("p_mid_f1", r.PValue, r.MidF1Sample),
            At("a1_mid_delay", r.Slope, r.MidDelaySample), At("p_mid_delay", r.PValue, r.MidDelaySample),
            At("a1_delay_end", r.Slope, r.DelayEndSample), At("p_delay_end", r.PValue, r.DelayEndSample),
            At("b1_mid_f2", f2?.F1Slope, midF2), At("p_b1_mid_f2", f2?.F1PValue, midF2),
            At("b2_mid_f2", f2?.F2Slope, midF2), At("p_b2_mid_f2", f2?.F2PValue, midF2),
        ]);
    }
}
