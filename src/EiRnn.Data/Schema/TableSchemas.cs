using EiRnn.Data.Manifest;
using EiRnn.Tasks.Contract;
using Parquet.Schema;

namespace EiRnn.Data.Schema;

/// <summary>
/// The trials table of one dataset: trial, seed, the task's typed condition columns, choice, correct,
/// rt_ms, diverged (schema version 2 on; docs/diverged-trials.md), then `&lt;period&gt;_start_ms` / `&lt;period&gt;_end_ms` for each period name, all in this order.
/// </summary>
internal sealed class TrialsSchema
{
    public TrialsSchema(DatasetManifest manifest)
    {
        Conditions = manifest.ConditionColumns.Select(ConditionField).ToArray();
        PeriodStart = manifest.PeriodNames.Select(p => (DataField)new DataField<double>(p + "_start_ms", true)).ToArray();
        PeriodEnd = manifest.PeriodNames.Select(p => (DataField)new DataField<double>(p + "_end_ms", true)).ToArray();
        var fields = new List<Field> { Trial, Seed };
        fields.AddRange(Conditions);
        fields.AddRange([Choice, Correct, RtMs, Diverged]);
        for (int i = 0; i < PeriodStart.Length; i++) fields.AddRange([PeriodStart[i], PeriodEnd[i]]);
        Schema = new ParquetSchema(fields);
    }

    public DataField Trial { get; } = new DataField<long>("trial", false);
    public DataField Seed { get; } = new DataField<long>("seed", false);
    public DataField[] Conditions { get; }
    public DataField Choice { get; } = new DataField<int>("choice", true);
    public DataField Correct { get; } = new DataField<bool>("correct", true);
    public DataField RtMs { get; } = new DataField<double>("rt_ms", true);
    /// <summary>True when the trial's outputs or state overflowed; then choice, correct and rt_ms are null.</summary>
    public DataField Diverged { get; } = new DataField<bool>(DivergedName, false);
    public const string DivergedName = "diverged";
    public DataField[] PeriodStart { get; }
    public DataField[] PeriodEnd { get; }
    public ParquetSchema Schema { get; }

    /// <summary>Every condition column is nullable: null means "not applicable" (e.g. catch trials).</summary>
    public static DataField ConditionField(ConditionColumn c) => c.Kind switch
    {
        ConditionColumnKind.Int32 => new DataField<int>(c.Name, true),
        ConditionColumnKind.Double => new DataField<double>(c.Name, true),
        ConditionColumnKind.String => new DataField<string>(c.Name, true),
        ConditionColumnKind.Bool => new DataField<bool>(c.Name, true),
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.Kind, "unknown condition column kind"),
    };

    public static Type ClrTypeOf(ConditionColumnKind kind) => kind switch
    {
        ConditionColumnKind.Int32 => typeof(int),
        ConditionColumnKind.Double => typeof(double),
        ConditionColumnKind.String => typeof(string),
        ConditionColumnKind.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>
/// The timeseries table: trial, z list&lt;float&gt; [TSave·Nout] and, when saved, r list&lt;float&gt; [TSave·N],
/// both flattened time-major. Elements are non-null floats.
/// </summary>
internal sealed class TimeseriesSchema
{
    public const string ZName = "z", RName = "r";

    public TimeseriesSchema(bool saveR)
    {
        ZElement = new DataField<float>(ListField.ElementName, false);
        var fields = new List<Field> { Trial, new ListField(ZName, ZElement) };
        if (saveR)
        {
            RElement = new DataField<float>(ListField.ElementName, false);
            fields.Add(new ListField(RName, RElement));
        }
        Schema = new ParquetSchema(fields);
    }

    public DataField Trial { get; } = new DataField<long>("trial", false);
    public DataField ZElement { get; }
    public DataField? RElement { get; }
    public ParquetSchema Schema { get; }
}

/// <summary>The units table: unit, type ("E"/"I"), area, input_group, tau_ms.</summary>
internal sealed class UnitsSchema
{
    public UnitsSchema() => Schema = new ParquetSchema(Unit, Type, Area, InputGroup, TauMs);

    public DataField Unit { get; } = new DataField<int>("unit", false);
    public DataField Type { get; } = new DataField<string>("type", false);
    public DataField Area { get; } = new DataField<string>("area", false);
    public DataField InputGroup { get; } = new DataField<string>("input_group", false);
    public DataField TauMs { get; } = new DataField<double>("tau_ms", false);
    public ParquetSchema Schema { get; }
}
