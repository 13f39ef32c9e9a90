using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>
/// Finds a null inside a list or dictionary whose elements are declared non-nullable
/// (<c>IReadOnlyList&lt;PerturbationSpec&gt;</c> given <c>[{...}, null]</c>). System.Text.Json's
/// RespectNullableAnnotations checks properties and constructor parameters only, not the elements of a
/// collection, so without this walk such a null would surface later as a NullReferenceException.
/// </summary>
internal static class NullElementCheck
{
    public static void Check(object value, JsonSerializerOptions options)
    {
        Walk(value, null, JsonKeyPath.Root, options, new NullabilityInfoContext(), depth: 0);
    }

    private static void Walk(object? value, NullabilityInfo? declared, string path, JsonSerializerOptions options,
        NullabilityInfoContext context, int depth)
    {
        if (value is null)
        {
            if (declared is { ReadState: NullabilityState.NotNull } && !declared.Type.IsValueType)
                throw new ConfigException(path, "is null, which is not allowed");
            return;
        }
        if (depth > 64 || value is string || value is JsonElement || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var info = options.GetTypeInfo(value.GetType());
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    // Only what was read from the file: a get-only property is derived (effective_validation_every)
                    // and its getter may not even be valid before the record's range check has run.
                    if (property.Get is null || property.Set is null) continue;
                    var nullability = property.AttributeProvider switch
                    {
                        PropertyInfo p => context.Create(p),
                        FieldInfo f => context.Create(f),
                        _ => null,
                    };
                    // The property itself was checked while deserialising; only what is inside it is walked here.
                    object? child = property.Get(value);
                    if (child is not null) Walk(child, nullability, JsonKeyPath.Key(path, property.Name), options, context, depth + 1);
                }
                break;
            case JsonTypeInfoKind.Dictionary when value is IDictionary dictionary:
                var valueInfo = declared?.GenericTypeArguments is { Length: 2 } kv ? kv[1] : null;
                foreach (DictionaryEntry entry in dictionary)
                    Walk(entry.Value, valueInfo, JsonKeyPath.Key(path, entry.Key.ToString() ?? ""), options, context, depth + 1);
                break;
            case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                var elementInfo = declared?.ElementType ?? (declared?.GenericTypeArguments is { Length: 1 } e ? e[0] : null);
                int i = 0;
                foreach (object? item in items) Walk(item, elementInfo, JsonKeyPath.Index(path, i++), options, context, depth + 1);
                break;
        }
    }
}
