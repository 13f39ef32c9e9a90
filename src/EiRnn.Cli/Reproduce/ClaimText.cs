using System.Globalization;
using EiRnn.Analysis.Claims;

namespace EiRnn.Cli.Reproduce;

/// <summary>How a claim's measurement reads in the console, the report and the model cards.</summary>
internal static class ClaimText
{
    public static string Number(double v) => double.IsFinite(v) ? v.ToString("G3", CultureInfo.InvariantCulture) : "—";

    public static string Value(ClaimResult r) => r.Measurement.Value is { } e
        ? $"{Number(e.Value)} [{Number(e.Lower)}, {Number(e.Upper)}]"
        : r.Measurement.NotMeasurableReason ?? "not measured";

    public static string Verdict(ClaimResult r) => r.Verdict switch
    {
        ClaimVerdict.Pass => "pass",
        ClaimVerdict.Fail => "fail",
        _ => "not measurable",
    };
}
