using System.Text;
using System.Text.Json;
using EiRnn.Core.Errors;

namespace EiRnn.Core.Config;

/// <summary>
/// Reads a JSON text token by token before it is deserialised, to reject what the deserialiser would let
/// through or report badly: a key written twice in one object (at any depth; System.Text.Json would keep the
/// last one, or a dictionary would throw an unrelated ArgumentException) and broken syntax, both named by
/// their key path.
/// </summary>
internal static class DuplicateKeyScan
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256,
    };

    /// <summary>One open object (its keys so far and the key being read) or array (the next index).</summary>
    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string? Key { get; set; }
        public int Index { get; set; } = -1;
    }

    public static void Check(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), ReaderOptions);
        var stack = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = stack[^1];
                        string key = reader.GetString()!;
                        frame.Key = key;
                        if (!frame.Keys.Add(key)) throw new ConfigException(PathOf(stack), "is written twice; give each key once");
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextElement(stack);
                        stack.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    default:
                        NextElement(stack);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            string where = $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
            string what = e.Message;
            int cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) what = what[..cut];
            throw new ConfigException(PathOf(stack), $"is not valid JSON at {where}: {what.Trim().TrimEnd('.')}", e);
        }
    }

    private static void NextElement(List<Frame> stack)
    {
        if (stack.Count > 0 && !stack[^1].IsObject) stack[^1].Index++;
    }

    private static string PathOf(List<Frame> stack)
    {
        var path = new StringBuilder();
        foreach (var f in stack)
        {
            if (f.IsObject && f.Key is not null) JsonKeyPath.AppendKey(path, f.Key);
            else if (!f.IsObject && f.Index >= 0) path.Append('[').Append(f.Index).Append(']');
        }
        return path.Length == 0 ? JsonKeyPath.Root : path.ToString();
    }
}
