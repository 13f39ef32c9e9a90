using EiRnn.Data.Layout;
using Parquet;
using Parquet.Schema;
using EiRnn.Core.Io;

namespace EiRnn.Data.Writing;

/// <summary>
/// One Parquet file being written under its hidden temporary name. <see cref="CloseAsync"/> writes the
/// footer and flushes to disk; <see cref="Publish"/> renames it to its final name. Disposed before closing
/// (an error, Ctrl-C), it leaves only the temporary file, which readers never list and a resumed writer deletes.
/// </summary>
internal sealed class PartFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly bool _flushToDisk;
    private bool _closed;

    private PartFile(string finalPath, string tempPath, FileStream stream, ParquetWriter writer, bool flushToDisk)
        => (FinalPath, TempPath, _stream, Writer, _flushToDisk) = (finalPath, tempPath, stream, writer, flushToDisk);

    public string FinalPath { get; }
    public string TempPath { get; }
    public ParquetWriter Writer { get; }

    public static async Task<PartFile> CreateAsync(string finalPath, string tempPath, ParquetSchema schema, ParquetOptions options,
        IReadOnlyDictionary<string, string> metadata, bool flushToDisk, CancellationToken ct)
    {
        SafeFile.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        var stream = SafeFile.Guard("write", finalPath, () => new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20));
        try
        {
            ParquetWriter writer = null!;
            await SafeFile.GuardAsync("write", finalPath, async () => writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false, ct));
            writer.CustomMetadata = metadata;
            return new PartFile(finalPath, tempPath, stream, writer, flushToDisk);
        }
        catch
        {
            await DisposeAbandonedAsync(stream);
            throw;
        }
    }

    public static Task<PartFile> CreateAsync(string finalPath, ParquetSchema schema, ParquetOptions options,
        IReadOnlyDictionary<string, string> metadata, bool flushToDisk, CancellationToken ct) =>
        CreateAsync(finalPath, DatasetLayout.TempPathFor(finalPath), schema, options, metadata, flushToDisk, ct);

    /// <summary>Writes the footer (and, if asked, forces the bytes to disk) so that a rename never publishes a partial file.</summary>
    public async Task CloseAsync()
    {
        if (_closed) return;
        await SafeFile.GuardAsync("write", FinalPath, async () =>
        {
            await Writer.DisposeAsync();
            _stream.Flush(_flushToDisk);
            await _stream.DisposeAsync();
        });
        _closed = true;
    }

    public void Publish()
    {
        if (!_closed) throw new InvalidOperationException("close a part file before publishing it");
        SafeFile.Move(TempPath, FinalPath);
    }

    public async ValueTask DisposeAsync()
    {
        // Abandoned: close the handle without a footer; the temporary file stays for the resume to delete.
        if (!_closed) await DisposeAbandonedAsync(_stream);
        _closed = true;
    }

    /// <summary>Closes the handle of a file being abandoned. Closing flushes the stream's buffer, which fails
    /// again on a full disk; that second failure must not hide the first, and the file is garbage anyway.</summary>
    private static async Task DisposeAbandonedAsync(FileStream stream)
    {
        try { await stream.DisposeAsync(); }
        catch (Exception e) when (SafeFile.IsIoFailure(e)) { }
    }
}
