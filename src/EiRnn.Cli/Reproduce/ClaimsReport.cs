using System.Globalization;
using System.Net;
using System.Text;
using EiRnn.Analysis.Claims;
using EiRnn.Core.Io;

namespace EiRnn.Cli.Reproduce;

/// <summary>DIR/index.html: ✓/✗ per claim beside the paper's statement, the value with its interval and the threshold, per network.</summary>
internal static class ClaimsReport
{
    public static string Write(string outDir, IReadOnlyList<NetworkReproduction> networks, ClaimsFile file, string command)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var all = networks.SelectMany(n => n.Claims).ToArray();
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>EiRnnPipeline: reproduction of the paper's claims</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:1200px;margin:auto}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}" +
                        "table{border-collapse:collapse}.pass{color:#070}.fail{color:#b00}.na{color:#777}</style></head><body>");
        html.AppendLine("<h1>Reproduction of the paper's qualitative claims</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p>Source: {H(file.Source)}. {all.Count(r => r.Verdict == ClaimVerdict.Pass)} of {all.Length} claims pass, " +
                        $"{all.Count(r => r.Verdict == ClaimVerdict.Fail)} fail, {all.Count(r => r.Verdict == ClaimVerdict.NotMeasurable)} not measurable. " +
                        $"Intervals: {file.ConfidenceLevel:P0} percentile bootstrap, {file.BootstrapResamples} resamples, seed {file.Seed} " +
                        $"(stream reproduce/&lt;network&gt;/&lt;claim&gt;). Thresholds were fixed before the first run (docs/reproduce.md). " +
                        $"Table: <a href=\"claims.parquet\">claims.parquet</a>. Command: <code>{H(command)}</code></p>");
        foreach (var n in networks)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<h2>{H(n.Name)} <small>(task {H(n.Task)})</small></h2>");
            html.AppendLine($"<p>Test set: {n.Trials:N0} trials, {n.TestSet.TrialsPerCondition} per condition " +
                            (n.PaperTestSet ? $"(paper: {n.TestSet.PaperTrialsPerCondition})" : "(no headline test set)") +
                            $", dt_save {n.TestSet.DtSaveMs} ms; {n.WallSeconds:F0} s. Analysis report: <a href=\"{H(n.Name)}/analysis/index.html\">{H(n.Name)}/analysis</a>.</p>");
            if (n.Claims.Count == 0) { html.AppendLine("<p>No headline claim concerns this task.</p>"); continue; }
            html.AppendLine("<table><tr><th></th><th>Claim</th><th>The paper</th><th>Value [95% CI]</th><th>Threshold</th><th>Detail</th></tr>");
            foreach (var r in n.Claims)
            {
                string css = r.Verdict switch { ClaimVerdict.Pass => "pass", ClaimVerdict.Fail => "fail", _ => "na" };
                html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td class=\"{css}\">{r.Mark}</td><td>{H(r.Claim.Id)}</td><td>{H(r.Claim.Statement)}</td>" +
                                $"<td>{H(ClaimText.Value(r))}</td><td>{H(r.Claim.Threshold.Describe())}<br><small>{H(r.Claim.Reason)}</small></td>" +
                                $"<td><small>{H(r.Measurement.Detail)}</small></td></tr>");
            }
            html.AppendLine("</table>");
        }
        html.AppendLine("</body></html>");
        string path = Path.Combine(outDir, "index.html");
        SafeFile.WriteAllText(path, html.ToString());
        return path;
    }
}
