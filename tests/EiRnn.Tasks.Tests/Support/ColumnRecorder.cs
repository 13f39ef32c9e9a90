using EiRnn.Tasks.Contract;

namespace EiRnn.Tasks.Tests.Support;

/// <summary>Records the typed columns a condition writes, in order.</summary>
internal sealed class ColumnRecorder : IConditionWriter
{
    public List<(string Name, ConditionColumnKind Kind, object? Value)> Columns { get; } = [];

    public void Int32(string name, int? value) => Columns.Add((name, ConditionColumnKind.Int32, value));
    public void Double(string name, double? value) => Columns.Add((name, ConditionColumnKind.Double, value));
    public void String(string name, string? value) => Columns.Add((name, ConditionColumnKind.String, value));
    public void Bool(string name, bool? value) => Columns.Add((name, ConditionColumnKind.Bool, value));

    public static List<(string Name, ConditionColumnKind Kind, object? Value)> Of(ITrialCondition c)
    {
        var r = new ColumnRecorder();
        c.Write(r);
        return r.Columns;
    }
}
