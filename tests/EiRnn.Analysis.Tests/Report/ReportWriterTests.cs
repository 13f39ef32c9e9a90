using EiRnn.Analysis.Behaviour;
using EiRnn.Analysis.Report;

namespace EiRnn.Analysis.Tests.Report;

[TestClass]
public sealed class ReportWriterTests
{
    private static AnalysisReport Sample(params ReportSection[] sections) => new("rdm-fixed <test> report",
        new ModelSummary("model.onnx", "rdm-fixed", 100, 80, 20, 2, 2, true, "Rectify", 52000, "percent_correct", 0.87, 0.85, true),
        new DatasetSummary("data/run1", 22000, 11, 0.5, 100, ["control", "lesion-e"], "7"),
        sections);

    [TestMethod]
    public void WritesASelfContainedPageWithTablesAndFigureLinks()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eirnn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "psychometric.png"), [0x89, 0x50, 0x4E, 0x47]);
            var table = new BehaviourTable();
            table.Add(new TrialBehaviour(3.2, 0, true));
            table.Add(new TrialBehaviour(3.2, 1, false));
            table.Add(new TrialBehaviour(3.2, null, null));
            var section = new ReportSection("Behaviour", ["Choices & accuracy."], [ReportTables.Behaviour(table.ToSummary())],
                [new ReportFigure("psychometric.png", "Psychometric curve")]);
            string path = ReportWriter.Write(dir, Sample(section));

            string html = File.ReadAllText(path);
            StringAssert.StartsWith(html, "<!DOCTYPE html>");
            StringAssert.Contains(html, "<style>");
            StringAssert.Contains(html, "<img src=\"psychometric.png\"");
            StringAssert.Contains(html, "rdm-fixed &lt;test&gt; report");      // encoded
            StringAssert.Contains(html, "Choices &amp; accuracy.");
            StringAssert.Contains(html, "<td>100 (80 / 20)</td>");
            // 3.2: 3 trials, 1 without response, 1 of 2 responded chose output 0 → 50.0 %, correct 1 of 2 → 50.0 %.
            StringAssert.Contains(html, "<tr><td>3.2</td><td>3</td><td>1</td><td>50.0</td><td>50.0</td></tr>");
            Assert.IsFalse(html.Contains("http://") || html.Contains("https://") || html.Contains("<script"), "no external resources or scripts");
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void MissingFigureIsAnAnalysisError()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eirnn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var section = new ReportSection("x", [], [], [new ReportFigure("absent.png", "absent")]);
            var e = Assert.ThrowsExactly<Core.Errors.AnalysisException>(() => ReportWriter.Write(dir, Sample(section)));
            StringAssert.Contains(e.Message, "absent.png");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
