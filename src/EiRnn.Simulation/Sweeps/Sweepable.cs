using System.Text.Json;
using System.Text.Json.Serialization;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// A numeric sweep parameter written either as one number or as a list of numbers in the spec
/// (<c>"factor": 0.5</c> or <c>"factor": [0.25, 0.5, 1]</c>). A perturbation expands to the Cartesian
/// product of all its list-valued parameters.
/// </summary>
[JsonConverter(typeof(SweepableConverter))]
public sealed record Sweepable(IReadOnlyList<double> Values)
{
    public static implicit operator Sweepable(double v) => new([v]);
    public bool IsList => Values.Count > 1;
    public double Single => Values.Count == 1 ? Values[0] : throw new InvalidOperationException("a list parameter was not expanded");
    public override string ToString() => Values.Count == 1 ? Values[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : "[" + string.Join(", ", Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}

internal sealed class SweepableConverter : JsonConverter<Sweepable>
{
    public override Sweepable Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return new Sweepable([reader.GetDouble()]);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a number or a list of numbers");
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number) throw new JsonException("expected a number in the list");
            values.Add(reader.GetDouble());
        }
        if (values.Count == 0) throw new JsonException("a parameter list must not be empty");
        return new Sweepable(values);
    }

    public override void Write(Utf8JsonWriter writer, Sweepable value, JsonSerializerOptions options)
    {
        if (value.Values.Count == 1) { writer.WriteNumberValue(value.Values[0]); return; }
        writer.WriteStartArray();
        foreach (var v in value.Values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
