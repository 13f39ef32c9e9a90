using System.CommandLine;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;

namespace EiRnn.Cli;

/// <summary>
/// The one place that turns outcomes into exit codes (README.md#the-three-stages): 0 ok, 1 unexpected (stack trace only
/// with --verbose), 2 bad input (one line naming the file, field or value), 130 interrupted.
/// </summary>
internal static class VerbRunner
{
    public const int Ok = 0, Unexpected = 1, BadInput = 2, Interrupted = 130;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"eirnn: {e.Message}");
            Console.Error.WriteLine("Run 'eirnn --help' or 'eirnn <verb> --help' for usage.");
            return BadInput;
        }
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // let the verb save what it can, then exit 130
            cts.Cancel();
            Console.Error.WriteLine("eirnn: interrupted; saving what can be saved...");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("eirnn: interrupted.");
            return Interrupted;
        }
        catch (EiRnnException e)
        {
            Console.Error.WriteLine($"eirnn: {OneLine(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (SafeFile.IsIoFailure(e))
        {
            // Last resort of the IO boundary (docs/errors.md#the-io-boundary): a write or read that no helper
            // wrapped still ends as one line naming the path, when the exception carries one.
            Console.Error.WriteLine($"eirnn: {OneLine(IoMessage(e))}");
            return BadInput;
        }
        catch (Exception e)
        {
            bool verbose = parse.GetValue(CliOptions.Verbose);
            Console.Error.WriteLine(verbose ? $"eirnn: unexpected error: {e}" : $"eirnn: unexpected error: {e.GetType().Name}: {e.Message} (run with --verbose for the stack trace)");
            return Unexpected;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>"cannot access 'PATH': reason" when the operating system's message quotes the path.</summary>
    internal static string IoMessage(Exception e)
    {
        string msg = e.Message;
        int a = msg.IndexOf('\'');
        int b = a >= 0 ? msg.IndexOf('\'', a + 1) : -1;
        if (b > a + 1)
        {
            string path = msg[(a + 1)..b];
            return SafeFile.Describe("access", path, e).Message;
        }
        return $"file system error: {msg}";
    }
}
