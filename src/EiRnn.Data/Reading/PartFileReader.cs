using EiRnn.Core.Errors;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Reading;

/// <summary>Opens one part file, turning every way it can be unreadable into a <see cref="DatasetException"/> naming it.</summary>
internal static class PartFileReader
{
    public static async Task<ParquetReader> OpenAsync(string path, CancellationToken ct)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return await ParquetReader.CreateAsync(stream, leaveStreamOpen: false, cancellationToken: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (stream is not null) await stream.DisposeAsync();
            throw Corrupt(path, e);
        }
    }

    public static async Task<long> RowCountAsync(string path, CancellationToken ct)
    {
        await using var reader = await OpenAsync(path, ct);
        return reader.Metadata?.NumRows ?? throw new DatasetException($"{path}: Parquet footer has no row count");
    }

    public static DatasetException Corrupt(string path, Exception e) =>
        e as DatasetException ?? new DatasetException($"{path}: not a readable Parquet part file ({e.Message})", e);

    /// <summary>The top-level data field named <paramref name="name"/> with the expected CLR type.</summary>
    public static DataField RequireField(ParquetSchema schema, string name, Type clrType, string path)
    {
        var field = schema.Fields.FirstOrDefault(f => f.Name == name) as DataField
                    ?? throw new DatasetException($"{path}: column '{name}' is missing");
        // Parquet.Net reports UTF-8 string columns of files it reads as ReadOnlyMemory<char>.
        bool matches = field.ClrType == clrType || (clrType == typeof(string) && field.ClrType == typeof(ReadOnlyMemory<char>));
        if (!matches)
            throw new DatasetException($"{path}: column '{name}' has type {field.ClrType.Name}, expected {clrType.Name}");
        return field;
    }

    /// <summary>The float element field of the top-level list column <paramref name="name"/>.</summary>
    public static DataField RequireFloatList(ParquetSchema schema, string name, string path)
    {
        if (schema.Fields.FirstOrDefault(f => f.Name == name) is not ListField list || list.Item is not DataField item || item.ClrType != typeof(float))
            throw new DatasetException($"{path}: column '{name}' is missing or is not a list of float");
        return item;
    }
}
