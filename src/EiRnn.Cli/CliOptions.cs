using System.CommandLine;

namespace EiRnn.Cli;

/// <summary>Options shared by every verb.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces of unexpected errors and ONNX Runtime's own log.",
        Recursive = true,
    };

    public static readonly Option<bool> PrintConfig = new("--print-config")
    {
        Description = "Print the resolved configuration as JSON and exit without running.",
    };
}
