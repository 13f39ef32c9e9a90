using EiRnn.Core.Network;

namespace EiRnn.Data;

/// <summary>One row of the units table.</summary>
public sealed record UnitRow(int Unit, UnitType Type, string Area, string InputGroup, double TauMs)
{
    /// <summary>The table's `type` value: "E" or "I".</summary>
    public string TypeCode => Type == UnitType.Excitatory ? "E" : "I";

    public static IReadOnlyList<UnitRow> FromSpec(NetworkSpec spec) =>
        Enumerable.Range(0, spec.N)
            .Select(i => new UnitRow(i, spec.UnitTypes[i], spec.UnitAreas[i], spec.UnitInputGroups[i], spec.TauMs[i]))
            .ToArray();
}
