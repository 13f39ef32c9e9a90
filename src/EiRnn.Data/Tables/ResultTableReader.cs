using EiRnn.Core.Errors;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Tables;

/// <summary>Reads a table written by <see cref="ResultTableWriter"/> (any number of row groups) back into a <see cref="ResultTable"/>.</summary>
public static class ResultTableReader
{
    public static async Task<ResultTable> ReadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new DatasetException($"result table '{path}' not found");
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            var fields = reader.Schema.GetDataFields();
            var parts = fields.Select(_ => new List<Array>()).ToArray();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var rg = reader.OpenRowGroupReader(g);
                int n = checked((int)rg.RowCount);
                for (int k = 0; k < fields.Length; k++) parts[k].Add(await ReadColumnAsync(rg, fields[k], n, path, ct));
            }
            var columns = fields.Select((f, k) => Column(f.Name, parts[k])).ToArray();
            return new ResultTable(Path.GetFileNameWithoutExtension(path), columns);
        }
        catch (Exception e) when (e is not (DatasetException or OperationCanceledException))
        {
            throw new DatasetException($"{path}: not a readable result table ({e.Message})", e);
        }
    }

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader rg, DataField f, int n, string path, CancellationToken ct)
    {
        Type t = f.ClrType;
        if (t == typeof(double)) { var a = new double[n]; await rg.ReadAsync<double>(f, a, cancellationToken: ct); return a; }
        if (t == typeof(int)) { var a = new int[n]; await rg.ReadAsync<int>(f, a, cancellationToken: ct); return a; }
        if (t == typeof(long)) { var a = new long[n]; await rg.ReadAsync<long>(f, a, cancellationToken: ct); return a; }
        if (t == typeof(bool)) { var a = new bool[n]; await rg.ReadAsync<bool>(f, a, cancellationToken: ct); return a; }
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var a = new string?[n];
            await rg.ReadAsync(f, a.AsMemory(), cancellationToken: ct);
            return a.Select(v => v ?? "").ToArray();
        }
        throw new DatasetException($"{path}: column '{f.Name}' has unsupported type {t.Name}");
    }

    private static ResultColumn Column(string name, List<Array> parts)
    {
        Array first = parts.Count > 0 ? parts[0] : Array.Empty<double>();
        return first switch
        {
            double[] => ResultColumn.Of(name, parts.SelectMany(p => (double[])p).ToArray()),
            int[] => ResultColumn.Of(name, parts.SelectMany(p => (int[])p).ToArray()),
            long[] => ResultColumn.Of(name, parts.SelectMany(p => (long[])p).ToArray()),
            bool[] => ResultColumn.Of(name, parts.SelectMany(p => (bool[])p).ToArray()),
            _ => ResultColumn.Of(name, parts.SelectMany(p => (string[])p).ToArray()),
        };
    }
}
