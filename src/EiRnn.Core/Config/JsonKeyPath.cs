using System.Text;

namespace EiRnn.Core.Config;

/// <summary>
/// The key paths error messages name: <c>perturbations[2].lesions[0].window</c>; the whole document is <c>$</c>.
/// </summary>
public static class JsonKeyPath
{
    public const string Root = "$";

    public static void AppendKey(StringBuilder path, string key)
    {
        if (path.Length > 0) path.Append('.');
        path.Append(key);
    }

    public static string Key(string parent, string key) => parent == Root || parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{(parent == Root ? "" : parent)}[{index}]";

    /// <summary>Converts System.Text.Json's path (<c>$.a.b[0]</c>, <c>$['odd key']</c>) to this form.</summary>
    public static string FromSerializerPath(string? path)
    {
        var result = new StringBuilder();
        foreach (var (key, index) in Segments(path))
        {
            if (key is not null) AppendKey(result, key);
            else result.Append('[').Append(index).Append(']');
        }
        return result.Length == 0 ? Root : result.ToString();
    }

    /// <summary>The keys and indices of a System.Text.Json path, outermost first.</summary>
    public static IEnumerable<(string? Key, int Index)> Segments(string? path)
    {
        if (string.IsNullOrEmpty(path)) yield break;
        int i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[') end++;
                yield return (path[(i + 1)..end], -1);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                int end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) end = path.Length;
                yield return (path[(i + 2)..end], -1);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0) yield break;
                if (int.TryParse(path.AsSpan(i + 1, end - i - 1), out int index)) yield return (null, index);
                i = end + 1;
            }
            else i++;
        }
    }
}
