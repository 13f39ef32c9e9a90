namespace EiRnn.Cli.Tests;

/// <summary>A test's own temporary folder, removed afterwards whatever the outcome.</summary>
internal static class TempFolder
{
    public static void Run(string prefix, Action<string> test)
    {
        string dir = Directory.CreateTempSubdirectory(prefix).FullName;
        try { test(dir); }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
