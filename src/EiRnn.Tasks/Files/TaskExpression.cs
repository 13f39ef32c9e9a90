using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EiRnn.Core.Errors;

namespace EiRnn.Tasks.Files;

/// <summary>
/// A number or an arithmetic expression in a task file (docs/task-files.md#expressions): a JSON number, or a
/// string such as <c>"0.1 * sqrt(0.02 * sqrt(10) * sqrt(dt))"</c>. Kept as written; compiled by <see cref="TaskExpression"/>.
/// </summary>
[JsonConverter(typeof(TaskNumberConverter))]
public sealed record TaskNumber(string Text)
{
    public override string ToString() => Text;
    public static implicit operator TaskNumber(double v) => new(v.ToString("R", CultureInfo.InvariantCulture));
}

internal sealed class TaskNumberConverter : JsonConverter<TaskNumber>
{
    public override bool HandleNull => true;

    public override TaskNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new TaskNumber(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.String => new TaskNumber(reader.GetString()!),
        JsonTokenType.Null => throw new JsonException("must be a number or an expression string, got null"),
        _ => throw new JsonException($"must be a number or an expression string, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, TaskNumber value, JsonSerializerOptions options)
    {
        if (double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !value.Text.Contains("NaN") && !value.Text.Contains("Infinity"))
            writer.WriteRawValue(value.Text);
        else writer.WriteStringValue(value.Text);
    }
}

/// <summary>
/// The task files' tiny expression language (docs/task-files.md#expressions): numbers, names (dt, parameters,
/// factors, table columns), + − * /, unary minus, sqrt(…), parentheses and the comparisons == != &lt; &gt; &lt;= &gt;=
/// (1 when true, else 0). Evaluated in double, left to right with the usual precedence, so an expression gives
/// the same bits as the same formula written in C#. Never evaluates code.
/// </summary>
public sealed class TaskExpression
{
    private readonly Node _root;
    private TaskExpression(Node root, string text, IReadOnlyList<string> names) => (_root, Text, Names) = (root, text, names);

    public string Text { get; }
    /// <summary>The names the expression reads.</summary>
    public IReadOnlyList<string> Names { get; }
    public bool IsConstant => Names.Count == 0;

    /// <summary>Compiles <paramref name="source"/>; names resolve through <paramref name="slots"/>. Errors name <paramref name="key"/>.</summary>
    public static TaskExpression Compile(TaskNumber source, IReadOnlyDictionary<string, int> slots, string key)
    {
        if (source is null) throw new ConfigException(key, "must be a number or an expression");
        var p = new Parser(source.Text, slots, key);
        var root = p.ParseAll();
        return new TaskExpression(root, source.Text, p.Used.ToArray());
    }

    /// <summary>The value for the given slot values (NaN slots are unset: an error naming the key).</summary>
    public double Evaluate(ReadOnlySpan<double> slots) => _root.Eval(slots);

    public double EvaluateConstant() => _root.Eval([]);

    private abstract class Node { public abstract double Eval(ReadOnlySpan<double> s); }
    private sealed class Num(double v) : Node { public override double Eval(ReadOnlySpan<double> s) => v; }
    private sealed class Var(int slot) : Node { public override double Eval(ReadOnlySpan<double> s) => s[slot]; }
    private sealed class Neg(Node a) : Node { public override double Eval(ReadOnlySpan<double> s) => -a.Eval(s); }
    private sealed class Sqrt(Node a) : Node { public override double Eval(ReadOnlySpan<double> s) => Math.Sqrt(a.Eval(s)); }
    private sealed class Bin(char op, Node a, Node b) : Node
    {
        public override double Eval(ReadOnlySpan<double> s)
        {
            double x = a.Eval(s), y = b.Eval(s);
            return op switch
            {
                '+' => x + y, '-' => x - y, '*' => x * y, '/' => x / y,
                '=' => x == y ? 1 : 0, '!' => x != y ? 1 : 0, '<' => x < y ? 1 : 0, '>' => x > y ? 1 : 0,
                'l' => x <= y ? 1 : 0, 'g' => x >= y ? 1 : 0,
                _ => throw new InvalidOperationException(op.ToString()),
            };
        }
    }

    private sealed class Parser(string text, IReadOnlyDictionary<string, int> slots, string key)
    {
        private int _i;
        public readonly List<string> Used = [];

        private ConfigException Error(string what) => new(key, $"expression \"{text}\": {what}");

        public Node ParseAll()
        {
            if (string.IsNullOrWhiteSpace(text)) throw Error("is empty");
            var n = Comparison();
            Skip();
            if (_i < text.Length) throw Error($"unexpected '{text[_i]}' at position {_i + 1}");
            return n;
        }

        private void Skip() { while (_i < text.Length && char.IsWhiteSpace(text[_i])) _i++; }

        private bool Eat(string s)
        {
            Skip();
            if (string.CompareOrdinal(text, _i, s, 0, s.Length) != 0) return false;
            _i += s.Length; return true;
        }

        private Node Comparison()
        {
            var a = Sum();
            foreach (var (tok, op) in new[] { ("==", '='), ("!=", '!'), ("<=", 'l'), (">=", 'g'), ("<", '<'), (">", '>') })
                if (Eat(tok)) return new Bin(op, a, Sum());
            return a;
        }

        private Node Sum()
        {
            var a = Product();
            while (true)
            {
                if (Eat("+")) a = new Bin('+', a, Product());
                else if (Eat("-")) a = new Bin('-', a, Product());
                else return a;
            }
        }

        private Node Product()
        {
            var a = Unary();
            while (true)
            {
                if (Eat("*") || Eat("·")) a = new Bin('*', a, Unary());
                else if (Eat("/")) a = new Bin('/', a, Unary());
                else return a;
            }
        }

        private Node Unary() => Eat("-") || Eat("−") ? new Neg(Unary()) : Primary();

        private Node Primary()
        {
            Skip();
            if (_i >= text.Length) throw Error("ends too early");
            char c = text[_i];
            if (c == '(')
            {
                _i++;
                var n = Comparison();
                if (!Eat(")")) throw Error("a '(' is not closed");
                return n;
            }
            if (char.IsDigit(c) || c == '.')
            {
                int start = _i;
                while (_i < text.Length && (char.IsDigit(text[_i]) || text[_i] == '.')) _i++;
                if (_i < text.Length && (text[_i] == 'e' || text[_i] == 'E'))
                {
                    _i++;
                    if (_i < text.Length && (text[_i] == '+' || text[_i] == '-')) _i++;
                    while (_i < text.Length && char.IsDigit(text[_i])) _i++;
                }
                string lit = text[start.._i];
                if (!double.TryParse(lit, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw Error($"'{lit}' is not a number");
                return new Num(v);
            }
            if (char.IsLetter(c) || c == '_')
            {
                int start = _i;
                while (_i < text.Length && (char.IsLetterOrDigit(text[_i]) || text[_i] == '_')) _i++;
                string name = text[start.._i];
                if (name == "sqrt")
                {
                    if (!Eat("(")) throw Error("sqrt needs parentheses: sqrt(x)");
                    var arg = Comparison();
                    if (!Eat(")")) throw Error("sqrt( is not closed");
                    return new Sqrt(arg);
                }
                if (!slots.TryGetValue(name, out int slot))
                    throw Error($"unknown name '{name}'; known here: {(slots.Count == 0 ? "none (numbers only)" : string.Join(", ", slots.Keys))}");
                if (!Used.Contains(name)) Used.Add(name);
                return new Var(slot);
            }
            throw Error($"unexpected '{c}' at position {_i + 1}");
        }
    }
}
