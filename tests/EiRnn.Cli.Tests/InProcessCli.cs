namespace EiRnn.Cli.Tests;

/// <summary>
/// Runs a verb inside the test process (the same command tree and exit-code mapping as the eirnn binary),
/// capturing stdout and stderr: thousands of bad-input cases take seconds instead of a process start each.
/// Console redirection is process-wide, so callers must not run in parallel (MSTestSettings: one worker).
/// </summary>
internal static class InProcessCli
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static CliProcess.Result Run(params string[] args)
    {
        OneAtATime.Wait();
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            int code = VerbRunner.InvokeAsync(CliRoot.Build(), args).GetAwaiter().GetResult();
            return new CliProcess.Result(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            OneAtATime.Release();
        }
    }
}
