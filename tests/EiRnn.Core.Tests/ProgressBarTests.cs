using EiRnn.Core.Progress;

namespace EiRnn.Core.Tests;

[TestClass]
public sealed class ProgressBarTests
{
    [TestMethod]
    public void PlainOutputReportsCountsAndCompletion()
    {
        var text = new StringWriter();
        var bar = new ProgressBar(text, interactive: false, "simulate", total: 1000, unit: "trials");
        bar.Skip(200);          // resumed work
        bar.Advance(300);       // first advance always prints
        bar.Advance(500);       // reaching the total always prints
        bar.Finish();
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "simulate: 50% 500/1,000 trials", text.ToString());
        Assert.IsTrue(lines.Any(l => l.Contains("1,000/1,000 trials") && l.Contains("100%")), text.ToString());
        Assert.IsTrue(lines.All(l => l.Contains("ETA")));
    }
}
