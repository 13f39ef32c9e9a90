using System.Collections;
using System.Text.Json;

namespace EiRnn.Core.Config;

/// <summary>
/// Compares two config records value by value through the serializer's contract (the keys a file holds), so
/// a resumed run can name the first key that differs from its checkpoint. Records alone cannot: their
/// equality compares lists and JSON values by reference.
/// </summary>
public static class ConfigDifference
{
    /// <summary>The key path of the first differing value, or null when the configs are equal.</summary>
    public static string? First<T>(T a, T b) => First(a, b, JsonKeyPath.Root);

    private static string? First(object? a, object? b, string path)
    {
        if (a is null || b is null) return a is null && b is null ? null : path;
        // A polymorphic block (network) of another type differs in its discriminator.
        if (a.GetType() != b.GetType()) return a is NetworkConfig ? JsonKeyPath.Key(path, NetworkConfig.TypeKey) : path;
        switch (a)
        {
            case JsonElement x: return JsonElement.DeepEquals(x, (JsonElement)b) ? null : path;
            case string or ValueType: return Equals(a, b) ? null : path;
            case IEnumerable xs:
                var (left, right) = (xs.Cast<object?>().ToArray(), ((IEnumerable)b).Cast<object?>().ToArray());
                for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
                    if (First(left[i], right[i], JsonKeyPath.Index(path, i)) is { } d) return d;
                return left.Length == right.Length ? null : path;
        }
        foreach (var p in JsonConfig.Options.GetTypeInfo(a.GetType()).Properties)
            if (p.Get is not null && First(p.Get(a), p.Get(b), JsonKeyPath.Key(path, p.Name)) is { } d) return d;
        return null;
    }
}
