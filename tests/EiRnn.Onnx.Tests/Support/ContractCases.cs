using System.Text.Json;

namespace EiRnn.Onnx.Tests.Support;

/// <summary>The independent contract example: model.onnx + cases.json (feeds, float64 expected outputs).</summary>
internal static class ContractCases
{
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "model.onnx");

    public sealed record Case(string Name, Dictionary<string, Tensor> Feeds, Dictionary<string, (double[] Values, long[] Shape)> Expected);

    public static IReadOnlyList<Case> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cases.json")));
        var cases = new List<Case>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var feeds = new Dictionary<string, Tensor>();
            foreach (var f in c.GetProperty("feeds").EnumerateObject())
            {
                var (values, shape) = Flatten(f.Value);
                feeds[f.Name] = new Tensor(values.Select(v => (float)v).ToArray(), shape);
            }
            var expected = new Dictionary<string, (double[], long[])>();
            foreach (var e in c.GetProperty("expected").EnumerateObject()) expected[e.Name] = Flatten(e.Value);
            cases.Add(new Case(c.GetProperty("name").GetString()!, feeds, expected));
        }
        return cases;
    }

    private static (double[] Values, long[] Shape) Flatten(JsonElement e)
    {
        var shape = new List<long>();
        for (var x = e; x.ValueKind == JsonValueKind.Array; x = x[0]) shape.Add(x.GetArrayLength());
        var values = new List<double>();
        void Walk(JsonElement x)
        {
            if (x.ValueKind == JsonValueKind.Array) foreach (var y in x.EnumerateArray()) Walk(y);
            else values.Add(x.GetDouble());
        }
        Walk(e);
        return (values.ToArray(), shape.ToArray());
    }
}
