using System.Text.Json;
using System.Text.RegularExpressions;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;

namespace EiRnn.Data.Manifest;

/// <summary>The rules a manifest must meet before any file is written under it.</summary>
internal static partial class ManifestValidation
{
    /// <summary>Columns every trials table has; task columns must not reuse them (nor the hive key).</summary>
    internal static readonly string[] ReservedColumns = ["trial", "seed", "choice", "correct", "rt_ms", "diverged", "perturbation"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex PartitionId();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    public static bool IsPartitionId(string id) => id.Length <= 200 && PartitionId().IsMatch(id);

    public static DatasetManifest Check(DatasetManifest m)
    {
        static void Need(bool ok, string key, string problem)
        {
            if (!ok) throw new DatasetException($"manifest: '{key}' {problem}");
        }
        Need(m.SchemaVersion >= DatasetManifest.OldestReadableSchemaVersion && m.SchemaVersion <= DatasetManifest.CurrentSchemaVersion, "schema_version",
            $"is {m.SchemaVersion}; this build reads versions {DatasetManifest.OldestReadableSchemaVersion} to {DatasetManifest.CurrentSchemaVersion} and writes version {DatasetManifest.CurrentSchemaVersion}");
        Need(m.ModelSha256 is not null && Sha256().IsMatch(m.ModelSha256), "model_sha256", "must be 64 lowercase hex digits");
        Need(!string.IsNullOrWhiteSpace(m.Task), "task", "must be a task name");
        Need(m.DtMs > 0 && double.IsFinite(m.DtMs), "dt_ms", $"must be > 0, got {m.DtMs}");
        Need(m.DtSaveMs >= m.DtMs && double.IsFinite(m.DtSaveMs), "dt_save_ms", $"must be >= dt_ms ({m.DtMs}), got {m.DtSaveMs}");
        Need(m.TSave >= 1, "t_save", $"must be >= 1, got {m.TSave}");
        Need(m.SampleTimesMs.Count == m.TSave, "sample_times_ms", $"must have t_save = {m.TSave} entries, has {m.SampleTimesMs.Count}");
        for (int k = 0; k < m.SampleTimesMs.Count; k++)
            Need(double.IsFinite(m.SampleTimesMs[k]) && (k == 0 || m.SampleTimesMs[k] > m.SampleTimesMs[k - 1]),
                $"sample_times_ms[{k}]", "must be finite and strictly increasing");
        Need(m.Seeds.Count >= 1, "seeds", "must list at least one seed");
        Need(m.Sweep is null || m.Sweep.Value.ValueKind == JsonValueKind.Object, "sweep", "must be a JSON object or null");
        Need(m.Perturbations.Count >= 1, "perturbations", "must list at least one perturbation (e.g. control)");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < m.Perturbations.Count; i++)
        {
            var p = m.Perturbations[i];
            Need(p.Id is not null && IsPartitionId(p.Id), $"perturbations[{i}].id",
                $"'{p.Id}' must be letters, digits and _ . - (it is a folder name), starting with a letter or digit");
            Need(ids.Add(p.Id!), $"perturbations[{i}].id", $"'{p.Id}' is listed twice");
            Need(p.Parameters.ValueKind == JsonValueKind.Object, $"perturbations[{i}].parameters", "must be a JSON object");
        }
        var columns = new HashSet<string>(ReservedColumns, StringComparer.Ordinal);
        for (int i = 0; i < m.PeriodNames.Count; i++)
        {
            string name = m.PeriodNames[i];
            Need(name is not null && ColumnName().IsMatch(name), $"period_names[{i}]", $"'{name}' must be a column-safe identifier");
            Need(columns.Add(name + "_start_ms") && columns.Add(name + "_end_ms"), $"period_names[{i}]", $"'{name}' is listed twice");
        }
        for (int i = 0; i < m.ConditionColumns.Count; i++)
        {
            var c = m.ConditionColumns[i];
            Need(c.Name is not null && ColumnName().IsMatch(c.Name), $"condition_columns[{i}].name", $"'{c.Name}' must be a column-safe identifier");
            Need(columns.Add(c.Name!), $"condition_columns[{i}].name", $"'{c.Name}' clashes with another column of the trials table");
            Need(Enum.IsDefined(c.Kind), $"condition_columns[{i}].kind", $"'{c.Kind}' is not a column kind");
        }
        Need(m.N >= 1, "n", $"must be >= 1, got {m.N}");
        Need(m.Nout >= 1, "nout", $"must be >= 1, got {m.Nout}");
        Need(m.OutputNames.Count == m.Nout, "output_names", $"must have nout = {m.Nout} entries, has {m.OutputNames.Count}");
        Need(m.Saved.Contains(SavedSeries.Z), "saved", "must contain z");
        Need(m.Saved.Distinct().Count() == m.Saved.Count, "saved", "lists a series twice");
        if (m.Capabilities is { } caps) CapabilityValidation.Check(caps, m.ConditionColumns, m.PeriodNames, Need);
        return m;
    }
}
