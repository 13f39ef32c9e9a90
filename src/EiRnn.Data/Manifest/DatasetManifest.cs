using System.Text.Json;
using System.Text.Json.Serialization;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Manifest;

/// <summary>Time series a dataset stores in its timeseries table (z always; r optional).</summary>
public enum SavedSeries { Z, R }

/// <summary>One perturbation of a dataset: its partition id and its parameters as given in the sweep spec.</summary>
/// <param name="Id">The hive partition value (`perturbation=&lt;id&gt;`); letters, digits and `_ . -` only, starting with a letter or digit.</param>
/// <param name="Parameters">A JSON object (e.g. {"kind": "lesion", "units": [3, 4], "window": "stimulus"}); `{}` for control.</param>
public sealed record PerturbationEntry(string Id, JsonElement Parameters);

/// <summary>
/// `manifest.json` of a dataset (docs/datasets.md): everything a reader needs to
/// interpret the tables and to check that every shard wrote the same dataset. It holds no wall times or
/// host names, so every shard of one sweep builds a byte-identical manifest.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary>2: the trials table has the `diverged` column (docs/diverged-trials.md); 3: the manifest has `capabilities`
    /// (docs/datasets.md#task-capabilities).</summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The oldest version this build still reads (version 1 has no `diverged` column: no trial is diverged).</summary>
    public const int OldestReadableSchemaVersion = 1;

    /// <summary>The first version whose trials table has the `diverged` column.</summary>
    public const int DivergedColumnSchemaVersion = 2;

    /// <summary>The first version whose manifest has <see cref="Capabilities"/> (earlier ones get them from the task registry).</summary>
    public const int CapabilitiesSchemaVersion = 3;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>SHA-256 of the model file, 64 lowercase hex digits.</summary>
    public required string ModelSha256 { get; init; }
    public required string Task { get; init; }
    /// <summary>Simulation step (ms).</summary>
    public required double DtMs { get; init; }
    /// <summary>Spacing of the saved samples (ms), a multiple of dt.</summary>
    public required double DtSaveMs { get; init; }
    /// <summary>Saved samples per trial (time axis of z and r).</summary>
    public required int TSave { get; init; }
    /// <summary>Time of each saved sample after trial start (ms), length TSave.</summary>
    public required IReadOnlyList<double> SampleTimesMs { get; init; }
    public required TaskTiming Timing { get; init; }
    /// <summary>The run's seeds (the sweep's seed list, or the one simulation seed); trial seeds are in the trials table.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }
    /// <summary>The sweep spec as given (null for a plain simulation).</summary>
    public JsonElement? Sweep { get; init; }
    public required IReadOnlyList<PerturbationEntry> Perturbations { get; init; }
    /// <summary>The task's typed condition columns, in order (the trials table's columns).</summary>
    public required IReadOnlyList<ConditionColumn> ConditionColumns { get; init; }
    /// <summary>The task's period names: each gives `&lt;name&gt;_start_ms` and `&lt;name&gt;_end_ms` columns.</summary>
    public required IReadOnlyList<string> PeriodNames { get; init; }
    /// <summary>Number of units (r's last axis).</summary>
    public required int N { get; init; }
    /// <summary>Number of outputs (z's last axis; `choice` indexes it).</summary>
    public required int Nout { get; init; }
    public required IReadOnlyList<string> OutputNames { get; init; }
    public required IReadOnlyList<SavedSeries> Saved { get; init; }
    /// <summary>An imported model whose units were reordered (E first): unit i is unit SourceUnits[i] of the source weights file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? SourceUnits { get; init; }
    /// <summary>What the task's trials carry (docs/datasets.md#task-capabilities); null in manifests before version 3
    /// (and when a writer did not know them): the caller of analysis then takes them from the task registry.</summary>
    public TaskCapabilities? Capabilities { get; init; }

    /// <summary>Whether the trials table has the `diverged` column (datasets of schema version 1 do not).</summary>
    [JsonIgnore]
    public bool HasDivergedColumn => SchemaVersion >= DivergedColumnSchemaVersion;

    [JsonIgnore]
    public bool SavesR => Saved.Contains(SavedSeries.R);

    public PerturbationEntry? FindPerturbation(string id) => Perturbations.FirstOrDefault(p => p.Id == id);

    /// <summary>Checks the manifest; throws <see cref="Core.Errors.DatasetException"/> naming the key.</summary>
    public DatasetManifest Validated() => ManifestValidation.Check(this);
}
