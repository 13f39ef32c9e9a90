namespace EiRnn.TestSupport;

/// <summary>Files of the repository the tests run from (found by walking up to EiRnnPipeline.sln).</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    public static string Of(params string[] parts) => Path.Combine([Root(), .. parts]);
}
