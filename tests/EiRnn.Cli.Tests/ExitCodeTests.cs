namespace EiRnn.Cli.Tests;

[TestClass]
public sealed class ExitCodeTests
{
    [TestMethod]
    public void UnknownOptionExitsTwoWithUsageHint()
    {
        var r = CliProcess.Run("tasks", "--no-such-option");
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "--no-such-option");
        Assert.IsFalse(r.StdErr.Contains("   at "), "no stack trace");
    }

    [TestMethod]
    public void UnknownTaskExitsTwoNamingTheField()
    {
        var r = CliProcess.Run("tasks", "no-such-task");
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "'task'");
        StringAssert.Contains(r.StdErr, "no-such-task");
        Assert.AreEqual(1, r.StdErr.Trim().Split('\n').Length, "one line: " + r.StdErr);
    }

    [TestMethod]
    public void HelpListsVerbsAndExitsZero()
    {
        var r = CliProcess.Run("--help");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "tasks");
    }

    [TestMethod]
    public void TasksListsRdmFixedWithCriterion()
    {
        var r = CliProcess.Run("tasks");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdOut, "rdm-fixed");
        StringAssert.Contains(r.StdOut, "mean of last 5 validations percent_correct > 0.85");
    }
}
