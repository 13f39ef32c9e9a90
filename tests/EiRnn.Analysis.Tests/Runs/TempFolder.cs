namespace EiRnn.Analysis.Tests.Runs;

/// <summary>A fresh folder per test, removed afterwards unless EIRNN_KEEP_TEST_OUTPUT is set (to look at the figures).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eirnn-analysis-tests", Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("EIRNN_KEEP_TEST_OUTPUT") is { Length: > 0 }) { Console.WriteLine($"kept {Path}"); return; }
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
