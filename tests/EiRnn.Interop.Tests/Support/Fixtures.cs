using System.Text.Json;

namespace EiRnn.Interop.Tests.Support;

/// <summary>The NumPy-written fixtures (Fixtures/make_fixtures.py) and the outputs NumPy computed for them.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>An expected-outputs file: dt, u [B, T, Nin] and z [B, T, Nout], flattened row-major.</summary>
    public sealed record Expected(double DtMs, float[] U, double[] Z, int Batch, int Steps, JsonElement Root);

    public static Expected Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path(name)));
        var root = doc.RootElement.Clone();
        var u = root.GetProperty("u");
        int batch = u.GetArrayLength(), steps = u[0].GetArrayLength();
        float[] uFlat = Flatten(u).Select(v => (float)v).ToArray();
        return new Expected(root.GetProperty("dt_ms").GetDouble(), uFlat, Flatten(root.GetProperty("z")).ToArray(), batch, steps, root);
    }

    private static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];
}
