using EiRnn.Core.Errors;
using Parquet;
using Parquet.Schema;
using EiRnn.Core.Io;

namespace EiRnn.Data.Tables;

/// <summary>
/// Writes a <see cref="ResultTable"/> as one Parquet file (one row group, Snappy), under a hidden temporary
/// name first and renamed when complete, so readers never see a partial table.
/// </summary>
public static class ResultTableWriter
{
    /// <summary>Writes <paramref name="folder"/>/&lt;table name&gt;.parquet and returns its path.</summary>
    public static async Task<string> WriteAsync(string folder, ResultTable table, CancellationToken ct = default)
    {
        string path = Path.Combine(folder, table.Name + ".parquet");
        string temp = Path.Combine(folder, "." + table.Name + ".parquet.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            var fields = table.Columns.Select(Field).ToArray();
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
                await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options, append: false, ct);
                using var rg = writer.CreateRowGroup();
                for (int i = 0; i < fields.Length; i++) await WriteColumnAsync(rg, fields[i], table.Columns[i], ct);
                rg.CompleteValidate();
            }
            File.Move(temp, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw SafeFile.Describe("write", path, e);
        }
    }

    private static DataField Field(ResultColumn c) => c.Values switch
    {
        double[] => new DataField<double>(c.Name, false),
        int[] => new DataField<int>(c.Name, false),
        long[] => new DataField<long>(c.Name, false),
        bool[] => new DataField<bool>(c.Name, false),
        string[] => new DataField<string>(c.Name, false),
        _ => throw new DatasetException($"result column '{c.Name}': unsupported type {c.ElementType.Name}"),
    };

    private static async Task WriteColumnAsync(ParquetRowGroupWriter rg, DataField f, ResultColumn c, CancellationToken ct)
    {
        switch (c.Values)
        {
            case double[] d: await rg.WriteAsync<double>(f, d, cancellationToken: ct); break;
            case int[] i: await rg.WriteAsync<int>(f, i, cancellationToken: ct); break;
            case long[] l: await rg.WriteAsync<long>(f, l, cancellationToken: ct); break;
            case bool[] b: await rg.WriteAsync<bool>(f, b, cancellationToken: ct); break;
            case string[] s: await rg.WriteAsync(f, s.Select(v => (string?)v).ToArray()); break;
        }
    }
}
