using EiRnn.Analysis.Statistics;

namespace EiRnn.Analysis.Claims;

public enum ClaimVerdict { Pass, Fail, NotMeasurable }

/// <summary>A measured quantity: the estimate with its bootstrap interval, or the reason it could not be measured.</summary>
public sealed record Measurement(Estimate? Value, string? NotMeasurableReason, string Detail = "")
{
    public static Measurement Of(Estimate value, string detail = "") => new(value, null, detail);
    public static Measurement Unavailable(string reason) => new(null, reason);
}

/// <summary>One row of the claims table (DIR/claims.parquet): a claim measured on one network, and its verdict.</summary>
public sealed record ClaimResult(
    string Model,
    Claim Claim,
    Measurement Measurement,
    ClaimVerdict Verdict)
{
    public static ClaimResult Judge(string model, Claim claim, Measurement m) => new(model, claim, m, ThresholdCheck.Verdict(claim.Threshold, m));

    public string Mark => Verdict switch { ClaimVerdict.Pass => "✓", ClaimVerdict.Fail => "✗", _ => "–" };
}

/// <summary>Applies a claim's pass rule (docs/reproduce.md#thresholds) to a measurement.</summary>
public static class ThresholdCheck
{
    public static ClaimVerdict Verdict(ClaimThreshold t, Measurement m)
    {
        if (m.Value is not { } e || !double.IsFinite(e.Value)) return ClaimVerdict.NotMeasurable;
        bool onInterval = t.On == ThresholdBasis.Interval;
        // Without a finite interval a rule on the interval cannot be checked: it fails rather than passing on the estimate alone.
        if (onInterval && !(double.IsFinite(e.Lower) && double.IsFinite(e.Upper))) return ClaimVerdict.Fail;
        double lo = onInterval ? e.Lower : e.Value, hi = onInterval ? e.Upper : e.Value;
        bool pass = t.Op switch
        {
            ThresholdOp.AtLeast => lo >= t.Value,
            ThresholdOp.AtMost => hi <= t.Value,
            ThresholdOp.Within => lo >= t.Lower && hi <= t.Upper,
            _ => e.Lower <= t.Upper && e.Upper >= t.Lower,
        };
        return pass ? ClaimVerdict.Pass : ClaimVerdict.Fail;
    }
}
