namespace EiRnn.Cli.Tests;

[TestClass]
public sealed class AnalyzeVerbTests
{
    [TestMethod]
    public void MissingDatasetExitsTwoWithOneLine()
    {
        string missing = Path.Combine(Path.GetTempPath(), "eirnn-no-such-dataset-" + Guid.NewGuid().ToString("N"));
        var r = CliProcess.Run("analyze", "--data", missing, "--out", missing + "-out");
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, "one line: " + r.StdErr);
        StringAssert.Contains(r.StdErr, missing);
        Assert.IsFalse(Directory.Exists(missing + "-out"), "nothing written for bad input");
    }

    [TestMethod]
    public void PrintConfigShowsTheResolvedRequest()
    {
        var r = CliProcess.Run("analyze", "--data", "d", "--out", "o", "--seed", "9", "--print-config");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "\"seed\": 9");
        StringAssert.Contains(r.StdOut, "\"bootstrap_resamples\": 1000");
    }
}
