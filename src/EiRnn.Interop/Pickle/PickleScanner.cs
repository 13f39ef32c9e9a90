using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace EiRnn.Interop.Pickle;

/// <summary>A pickle the scanner cannot read (malformed, or an opcode it refuses, e.g. persistent ids).</summary>
public sealed class PickleFormatException(string message) : Exception(message);

/// <summary>
/// Reads a pickle's opcodes (protocols 0–5) into an inert <see cref="PickleValue"/> tree. Nothing is imported,
/// constructed or called: a GLOBAL stays a name, a REDUCE stays a record of what would have been called. This is
/// how weights files with pickled entries are read safely (docs/import-export.md#pickled-entries).
/// </summary>
public static class PickleScanner
{
    private const int MaxOps = 1_000_000;

    public static PickleValue Scan(ReadOnlySpan<byte> p)
    {
        var stack = new List<PickleValue>();
        var memo = new Dictionary<long, PickleValue>();
        int pos = 0, ops = 0;
        PickleValue Pop()
        {
            if (stack.Count == 0) throw new PickleFormatException("stack underflow");
            var v = stack[^1]; stack.RemoveAt(stack.Count - 1);
            if (v is PickleMark) throw new PickleFormatException("unexpected MARK");
            return v;
        }
        PickleValue Top() => stack.Count > 0 && stack[^1] is not PickleMark ? stack[^1] : throw new PickleFormatException("stack underflow");
        List<PickleValue> PopToMark()
        {
            int m = stack.FindLastIndex(v => v is PickleMark);
            if (m < 0) throw new PickleFormatException("no MARK");
            var items = stack.GetRange(m + 1, stack.Count - m - 1);
            stack.RemoveRange(m, stack.Count - m);
            return items;
        }
        while (true)
        {
            if (++ops > MaxOps) throw new PickleFormatException("too many opcodes");
            if (pos >= p.Length) throw new PickleFormatException("ends without STOP");
            byte op = p[pos++];
            switch (op)
            {
                case 0x80: Take(p, ref pos, 1); break;                            // PROTO
                case 0x95: Take(p, ref pos, 8); break;                            // FRAME
                case (byte)'.': return stack.Count == 1 ? stack[0] is PickleMark ? throw new PickleFormatException("MARK at STOP") : stack[0]
                                       : throw new PickleFormatException($"STOP with {stack.Count} values on the stack");
                case (byte)'(': stack.Add(PickleMark.Value); break;
                case (byte)'0': if (stack.Count == 0) throw new PickleFormatException("stack underflow"); stack.RemoveAt(stack.Count - 1); break;
                case (byte)'1': PopToMark(); break;                               // POP_MARK
                case (byte)'2': stack.Add(Top()); break;                          // DUP
                case (byte)'N': stack.Add(PickleNone.Value); break;
                case 0x88: stack.Add(new PickleBool(true)); break;
                case 0x89: stack.Add(new PickleBool(false)); break;
                case (byte)'J': stack.Add(new PickleInt(BinaryPrimitives.ReadInt32LittleEndian(Take(p, ref pos, 4)))); break;
                case (byte)'K': stack.Add(new PickleInt(Take(p, ref pos, 1)[0])); break;
                case (byte)'M': stack.Add(new PickleInt(BinaryPrimitives.ReadUInt16LittleEndian(Take(p, ref pos, 2)))); break;
                case 0x8a: stack.Add(new PickleInt(new BigInteger(Take(p, ref pos, Take(p, ref pos, 1)[0])))); break; // LONG1
                case 0x8b: stack.Add(new PickleInt(new BigInteger(Take(p, ref pos, Length(Take(p, ref pos, 4)))))); break; // LONG4
                case (byte)'G': stack.Add(new PickleFloat(BinaryPrimitives.ReadDoubleBigEndian(Take(p, ref pos, 8)))); break;
                case (byte)'I': stack.Add(IntLine(Line(p, ref pos))); break;
                case (byte)'L': stack.Add(new PickleInt(BigInteger.Parse(Line(p, ref pos).TrimEnd('L'), CultureInfo.InvariantCulture))); break;
                case (byte)'F': stack.Add(new PickleFloat(double.Parse(Line(p, ref pos), CultureInfo.InvariantCulture))); break;
                case (byte)'S': stack.Add(new PickleString(Line(p, ref pos).Trim('\'', '"'))); break;
                case (byte)'V': stack.Add(new PickleString(Line(p, ref pos))); break;
                case (byte)'T': stack.Add(new PickleString(Encoding.Latin1.GetString(Take(p, ref pos, Length(Take(p, ref pos, 4)))))); break;
                case (byte)'U': stack.Add(new PickleString(Encoding.Latin1.GetString(Take(p, ref pos, Take(p, ref pos, 1)[0])))); break;
                case 0x8c: stack.Add(new PickleString(Encoding.UTF8.GetString(Take(p, ref pos, Take(p, ref pos, 1)[0])))); break;
                case (byte)'X': stack.Add(new PickleString(Encoding.UTF8.GetString(Take(p, ref pos, Length(Take(p, ref pos, 4)))))); break;
                case 0x8d: stack.Add(new PickleString(Encoding.UTF8.GetString(Take(p, ref pos, Length8(Take(p, ref pos, 8)))))); break;
                case (byte)'C': stack.Add(new PickleBytes(Take(p, ref pos, Take(p, ref pos, 1)[0]).ToArray())); break;
                case (byte)'B': stack.Add(new PickleBytes(Take(p, ref pos, Length(Take(p, ref pos, 4))).ToArray())); break;
                case 0x8e: case 0x96: stack.Add(new PickleBytes(Take(p, ref pos, Length8(Take(p, ref pos, 8))).ToArray())); break;
                case (byte)')': stack.Add(new PickleTuple([])); break;
                case 0x85: { var a = Pop(); stack.Add(new PickleTuple([a])); break; }
                case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new PickleTuple([a, b])); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new PickleTuple([a, b, c])); break; }
                case (byte)'t': stack.Add(new PickleTuple(PopToMark())); break;
                case (byte)']': stack.Add(new PickleList([])); break;
                case (byte)'l': stack.Add(new PickleList(PopToMark())); break;
                case (byte)'a': { var v = Pop(); AsList(Top()).Items.Add(v); break; }
                case (byte)'e': { var items = PopToMark(); AsList(Top()).Items.AddRange(items); break; }
                case (byte)'}': stack.Add(new PickleDict([])); break;
                case (byte)'d': stack.Add(new PickleDict(Pairs(PopToMark()))); break;
                case (byte)'s': { var v = Pop(); var k = Pop(); AsDict(Top()).Items.Add(new(k, v)); break; }
                case (byte)'u': { var items = PopToMark(); AsDict(Top()).Items.AddRange(Pairs(items)); break; }
                case 0x8f: stack.Add(new PickleOpaque("set")); break;            // EMPTY_SET
                case 0x90: PopToMark(); break;                                    // ADDITEMS (to the opaque set)
                case 0x91: PopToMark(); stack.Add(new PickleOpaque("frozenset")); break;
                case (byte)'c':
                {
                    string module = Line(p, ref pos), name = Line(p, ref pos);
                    stack.Add(new PickleGlobal(module, name));
                    break;
                }
                case 0x93:                                                        // STACK_GLOBAL
                {
                    var name = Pop(); var module = Pop();
                    if (module is not PickleString m || name is not PickleString n) throw new PickleFormatException("STACK_GLOBAL needs two strings");
                    stack.Add(new PickleGlobal(m.Value, n.Value));
                    break;
                }
                case (byte)'R': { var args = Pop(); var f = Pop(); stack.Add(new PickleCall(f, args)); break; }
                case 0x81: { var args = Pop(); var cls = Pop(); stack.Add(new PickleCall(cls, args)); break; }
                case 0x92: { var kw = Pop(); var args = Pop(); var cls = Pop(); stack.Add(new PickleCall(cls, new PickleTuple([args, kw]))); break; }
                case (byte)'b': { var state = Pop(); var obj = Pop(); stack.Add(new PickleBuild(obj, state)); break; }
                case (byte)'i':
                {
                    var cls = new PickleGlobal(Line(p, ref pos), Line(p, ref pos));
                    stack.Add(new PickleCall(cls, new PickleTuple(PopToMark())));
                    break;
                }
                case (byte)'o': { var items = PopToMark(); if (items.Count == 0) throw new PickleFormatException("OBJ without a class"); stack.Add(new PickleCall(items[0], new PickleTuple(items[1..]))); break; }
                case (byte)'p': memo[long.Parse(Line(p, ref pos), CultureInfo.InvariantCulture)] = Top(); break;
                case (byte)'q': memo[Take(p, ref pos, 1)[0]] = Top(); break;
                case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(p, ref pos, 4))] = Top(); break;
                case 0x94: memo[memo.Count] = Top(); break;                       // MEMOIZE
                case (byte)'g': stack.Add(Get(memo, long.Parse(Line(p, ref pos), CultureInfo.InvariantCulture))); break;
                case (byte)'h': stack.Add(Get(memo, Take(p, ref pos, 1)[0])); break;
                case (byte)'j': stack.Add(Get(memo, BinaryPrimitives.ReadUInt32LittleEndian(Take(p, ref pos, 4)))); break;
                case 0x82: Take(p, ref pos, 1); stack.Add(new PickleOpaque("extension code")); break;
                case 0x83: Take(p, ref pos, 2); stack.Add(new PickleOpaque("extension code")); break;
                case 0x84: Take(p, ref pos, 4); stack.Add(new PickleOpaque("extension code")); break;
                case 0x97: stack.Add(new PickleOpaque("out-of-band buffer")); break;
                case 0x98: break;                                                 // READONLY_BUFFER
                case (byte)'P': case (byte)'Q':
                    throw new PickleFormatException("persistent ids are not supported");
                default:
                    throw new PickleFormatException($"unknown opcode 0x{op:x2} at byte {pos - 1}");
            }
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> p, ref int pos, int count)
    {
        if (count < 0 || pos + count > p.Length) throw new PickleFormatException("truncated");
        var s = p.Slice(pos, count);
        pos += count;
        return s;
    }

    private static int Length(ReadOnlySpan<byte> four)
    {
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(four);
        return n > int.MaxValue ? throw new PickleFormatException("length too large") : (int)n;
    }

    private static int Length8(ReadOnlySpan<byte> eight)
    {
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(eight);
        return n > int.MaxValue ? throw new PickleFormatException("length too large") : (int)n;
    }

    private static string Line(ReadOnlySpan<byte> p, ref int pos)
    {
        int end = p[pos..].IndexOf((byte)'\n');
        if (end < 0) throw new PickleFormatException("truncated text argument");
        string s = Encoding.Latin1.GetString(p.Slice(pos, end));
        pos += end + 1;
        return s;
    }

    private static PickleValue IntLine(string s) => s switch
    {
        "00" => new PickleBool(false),
        "01" => new PickleBool(true),
        _ => new PickleInt(BigInteger.Parse(s, CultureInfo.InvariantCulture)),
    };

    private static PickleValue Get(Dictionary<long, PickleValue> memo, long key) =>
        memo.TryGetValue(key, out var v) ? v : throw new PickleFormatException($"memo key {key} is not set");

    private static PickleList AsList(PickleValue v) => v as PickleList ?? throw new PickleFormatException("APPEND to a non-list");

    private static PickleDict AsDict(PickleValue v) => v as PickleDict ?? throw new PickleFormatException("SETITEM on a non-dict");

    private static List<KeyValuePair<PickleValue, PickleValue>> Pairs(List<PickleValue> items)
    {
        if (items.Count % 2 != 0) throw new PickleFormatException("odd number of dict items");
        var pairs = new List<KeyValuePair<PickleValue, PickleValue>>();
        for (int i = 0; i < items.Count; i += 2) pairs.Add(new(items[i], items[i + 1]));
        return pairs;
    }
}
