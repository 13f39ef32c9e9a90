using EiRnn.Data.Manifest;
using EiRnn.Data.Schema;
using EiRnn.Tasks.Contract;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Reading;

/// <summary>Turns one row group of a trials part file into typed <see cref="TrialRecord"/>s.</summary>
internal sealed class TrialRowGroupDecoder(DatasetManifest manifest, ConditionColumnLookup lookup)
{
    /// <summary>The file's fields for the manifest's columns (checked by name and type).</summary>
    /// <param name="Diverged">Null for a dataset of schema version 1, which has no such column (no trial diverged).</param>
    internal sealed record Columns(DataField Trial, DataField Seed, DataField[] Conditions, DataField Choice,
        DataField Correct, DataField RtMs, DataField? Diverged, DataField[] Start, DataField[] End);

    public Columns Resolve(ParquetSchema schema, string path)
    {
        DataField F(string name, Type t) => PartFileReader.RequireField(schema, name, t, path);
        return new Columns(F("trial", typeof(long)), F("seed", typeof(long)),
            manifest.ConditionColumns.Select(c => F(c.Name, TrialsSchema.ClrTypeOf(c.Kind))).ToArray(),
            F("choice", typeof(int)), F("correct", typeof(bool)), F("rt_ms", typeof(double)),
            manifest.HasDivergedColumn ? F(TrialsSchema.DivergedName, typeof(bool)) : null,
            manifest.PeriodNames.Select(p => F(p + "_start_ms", typeof(double))).ToArray(),
            manifest.PeriodNames.Select(p => F(p + "_end_ms", typeof(double))).ToArray());
    }

    public async Task<TrialRecord[]> ReadAsync(ParquetRowGroupReader rg, Columns c, string path, CancellationToken ct)
    {
        try
        {
            int n = checked((int)rg.RowCount);
            var trial = new long[n];
            var seed = new long[n];
            await rg.ReadAsync<long>(c.Trial, trial, cancellationToken: ct);
            await rg.ReadAsync<long>(c.Seed, seed, cancellationToken: ct);
            var conditions = new ConditionValue[n][];
            for (int i = 0; i < n; i++) conditions[i] = new ConditionValue[c.Conditions.Length];
            for (int k = 0; k < c.Conditions.Length; k++)
                await ReadConditionAsync(rg, c.Conditions[k], manifest.ConditionColumns[k].Kind, conditions, k, ct);
            var choice = await NullableAsync<int>(rg, c.Choice, n, ct);
            var correct = await NullableAsync<bool>(rg, c.Correct, n, ct);
            var rt = await NullableAsync<double>(rg, c.RtMs, n, ct);
            var diverged = c.Diverged is null ? new bool?[n] : await NullableAsync<bool>(rg, c.Diverged, n, ct);
            var start = new double?[c.Start.Length][];
            var end = new double?[c.End.Length][];
            for (int p = 0; p < start.Length; p++)
            {
                start[p] = await NullableAsync<double>(rg, c.Start[p], n, ct);
                end[p] = await NullableAsync<double>(rg, c.End[p], n, ct);
            }
            var rows = new TrialRecord[n];
            for (int i = 0; i < n; i++)
            {
                var periods = new List<Period>(start.Length);
                for (int p = 0; p < start.Length; p++)
                    if (start[p][i] is double s && end[p][i] is double e) periods.Add(new Period(manifest.PeriodNames[p], s, e));
                rows[i] = new TrialRecord(trial[i], seed[i], new TrialConditionValues(lookup, conditions[i]),
                    new TrialOutcome(choice[i], correct[i], rt[i]) { Diverged = diverged[i] == true }, periods);
            }
            return rows;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PartFileReader.Corrupt(path, e);
        }
    }

    private static async Task<T?[]> NullableAsync<T>(ParquetRowGroupReader rg, DataField f, int n, CancellationToken ct) where T : struct
    {
        var values = new T?[n];
        if (f.IsNullable) await rg.ReadAsync<T>(f, values.AsMemory(), cancellationToken: ct);
        else
        {
            var dense = new T[n];
            await rg.ReadAsync<T>(f, dense.AsMemory(), cancellationToken: ct);
            for (int i = 0; i < n; i++) values[i] = dense[i];
        }
        return values;
    }

    private static async Task ReadConditionAsync(ParquetRowGroupReader rg, DataField f, ConditionColumnKind kind,
        ConditionValue[][] rows, int k, CancellationToken ct)
    {
        int n = rows.Length;
        switch (kind)
        {
            case ConditionColumnKind.Int32:
                { var v = await NullableAsync<int>(rg, f, n, ct); for (int i = 0; i < n; i++) rows[i][k] = ConditionValue.Of(v[i]); break; }
            case ConditionColumnKind.Double:
                { var v = await NullableAsync<double>(rg, f, n, ct); for (int i = 0; i < n; i++) rows[i][k] = ConditionValue.Of(v[i]); break; }
            case ConditionColumnKind.Bool:
                { var v = await NullableAsync<bool>(rg, f, n, ct); for (int i = 0; i < n; i++) rows[i][k] = ConditionValue.Of(v[i]); break; }
            case ConditionColumnKind.String:
                {
                    var v = new string?[n];
                    await rg.ReadAsync(f, v.AsMemory(), cancellationToken: ct);
                    for (int i = 0; i < n; i++) rows[i][k] = ConditionValue.Of(v[i]);
                    break;
                }
        }
    }
}
