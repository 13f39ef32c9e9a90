using EiRnn.Analysis.Claims;
using EiRnn.Data.Tables;

namespace EiRnn.Cli.Reproduce;

/// <summary>DIR/claims.parquet: one row per (network, claim), with the value, its interval, the threshold and the verdict.</summary>
internal static class ClaimsTable
{
    public static ResultTable Build(IReadOnlyList<ClaimResult> rows, ClaimsFile file)
    {
        static double Or(double? v) => v ?? double.NaN;
        return new ResultTable("claims",
        [
            ResultColumn.Of("model", rows.Select(r => r.Model).ToArray()),
            ResultColumn.Of("task", rows.Select(r => r.Claim.Task).ToArray()),
            ResultColumn.Of("claim", rows.Select(r => r.Claim.Id).ToArray()),
            ResultColumn.Of("statement", rows.Select(r => r.Claim.Statement).ToArray()),
            ResultColumn.Of("measure", rows.Select(r => r.Claim.Measure.Kind.ToString()).ToArray()),
            ResultColumn.Of("value", rows.Select(r => Or(r.Measurement.Value?.Value)).ToArray()),
            ResultColumn.Of("ci_lo", rows.Select(r => Or(r.Measurement.Value?.Lower)).ToArray()),
            ResultColumn.Of("ci_hi", rows.Select(r => Or(r.Measurement.Value?.Upper)).ToArray()),
            ResultColumn.Of("threshold", rows.Select(r => r.Claim.Threshold.Describe()).ToArray()),
            ResultColumn.Of("verdict", rows.Select(ClaimText.Verdict).ToArray()),
            ResultColumn.Of("detail", rows.Select(r => r.Measurement.NotMeasurableReason ?? r.Measurement.Detail).ToArray()),
            ResultColumn.Of("reason", rows.Select(r => r.Claim.Reason).ToArray()),
            ResultColumn.Of("confidence_level", rows.Select(_ => file.ConfidenceLevel).ToArray()),
            ResultColumn.Of("bootstrap_resamples", rows.Select(_ => file.BootstrapResamples).ToArray()),
            ResultColumn.Of("seed", rows.Select(_ => (long)file.Seed).ToArray()),
        ]);
    }
}
