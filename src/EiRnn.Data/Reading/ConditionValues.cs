using System.Globalization;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Reading;

/// <summary>One typed, nullable condition value as read from the trials table.</summary>
public readonly struct ConditionValue
{
    private readonly double _number;   // int32, double and bool (0/1) values
    private readonly string? _text;

    private ConditionValue(ConditionColumnKind kind, bool hasValue, double number, string? text)
        => (Kind, HasValue, _number, _text) = (kind, hasValue, number, text);

    public ConditionColumnKind Kind { get; }
    public bool HasValue { get; }

    public static ConditionValue Of(int? v) => new(ConditionColumnKind.Int32, v.HasValue, v ?? 0, null);
    public static ConditionValue Of(double? v) => new(ConditionColumnKind.Double, v.HasValue, v ?? 0, null);
    public static ConditionValue Of(string? v) => new(ConditionColumnKind.String, v is not null, 0, v);
    public static ConditionValue Of(bool? v) => new(ConditionColumnKind.Bool, v.HasValue, v == true ? 1 : 0, null);

    public int? AsInt32() => Expect(ConditionColumnKind.Int32) && HasValue ? (int)_number : null;
    public double? AsDouble() => Expect(ConditionColumnKind.Double) && HasValue ? _number : null;
    public string? AsString() => Expect(ConditionColumnKind.String) ? _text : null;
    public bool? AsBool() => Expect(ConditionColumnKind.Bool) && HasValue ? _number != 0 : null;

    private bool Expect(ConditionColumnKind kind) =>
        Kind == kind ? true : throw new DatasetException($"condition value is {Kind}, not {kind}");

    public override string ToString() => !HasValue ? "null" : Kind switch
    {
        ConditionColumnKind.String => _text!,
        ConditionColumnKind.Bool => _number != 0 ? "true" : "false",
        _ => _number.ToString("R", CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The condition columns of one trial, looked up by column name with their declared types. Asking for a
/// name the task does not have, or with the wrong type, throws <see cref="DatasetException"/>.
/// </summary>
public sealed class TrialConditionValues
{
    private readonly ConditionColumnLookup _columns;
    private readonly ConditionValue[] _values;

    internal TrialConditionValues(ConditionColumnLookup columns, ConditionValue[] values) => (_columns, _values) = (columns, values);

    public IReadOnlyList<ConditionColumn> Columns => _columns.Columns;
    public ConditionValue this[int column] => _values[column];
    public ConditionValue this[string name] => _values[_columns.IndexOf(name)];

    public int? Int32(string name) => this[name].AsInt32();
    public double? Double(string name) => this[name].AsDouble();
    public string? String(string name) => this[name].AsString();
    public bool? Bool(string name) => this[name].AsBool();

    /// <summary>Replays the values in column order, as the task's condition record wrote them.</summary>
    public void Write(IConditionWriter writer)
    {
        for (int i = 0; i < _values.Length; i++)
        {
            string name = Columns[i].Name;
            var v = _values[i];
            switch (v.Kind)
            {
                case ConditionColumnKind.Int32: writer.Int32(name, v.AsInt32()); break;
                case ConditionColumnKind.Double: writer.Double(name, v.AsDouble()); break;
                case ConditionColumnKind.String: writer.String(name, v.AsString()); break;
                case ConditionColumnKind.Bool: writer.Bool(name, v.AsBool()); break;
            }
        }
    }
}

/// <summary>Column name → index for one dataset, shared by all its trial records.</summary>
internal sealed class ConditionColumnLookup(IReadOnlyList<ConditionColumn> columns)
{
    private readonly Dictionary<string, int> _index = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

    public IReadOnlyList<ConditionColumn> Columns { get; } = columns;

    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i
        : throw new DatasetException($"the trials table has no condition column '{name}' (it has: {string.Join(", ", Columns.Select(c => c.Name))})");
}
