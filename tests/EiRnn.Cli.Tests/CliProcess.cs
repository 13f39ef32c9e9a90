using System.Diagnostics;

namespace EiRnn.Cli.Tests;

/// <summary>Runs the built CLI (eirnn.dll next to the tests) as a child process, as a user would.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(params string[] args) => Run(TimeSpan.FromMinutes(5), args);

    public static Result Run(TimeSpan timeout, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "eirnn.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout)) { p.Kill(entireProcessTree: true); Assert.Fail($"eirnn {string.Join(' ', args)} timed out"); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
