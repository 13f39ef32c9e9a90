using EiRnn.Core.Errors;
using EiRnn.Data.Manifest;
using EiRnn.Data.Schema;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Reading;

/// <summary>Reads one row group of a timeseries part file, checking every list has its manifest length.</summary>
internal sealed class TimeseriesRowGroupDecoder(DatasetManifest manifest, bool readR)
{
    private int[] _definition = [], _repetition = [];

    internal sealed record Columns(DataField Trial, DataField Z, DataField? R);

    public Columns Resolve(ParquetSchema schema, string path) => new(
        PartFileReader.RequireField(schema, "trial", typeof(long), path),
        PartFileReader.RequireFloatList(schema, TimeseriesSchema.ZName, path),
        readR ? PartFileReader.RequireFloatList(schema, TimeseriesSchema.RName, path) : null);

    public async Task<TimeseriesBlock> ReadAsync(ParquetRowGroupReader rg, Columns c, string path, CancellationToken ct)
    {
        try
        {
            int n = checked((int)rg.RowCount);
            var trial = new long[n];
            await rg.ReadAsync<long>(c.Trial, trial, cancellationToken: ct);
            var z = await ReadListAsync(rg, c.Z, n, manifest.TSave * manifest.Nout, path, ct);
            var r = c.R is null ? null : await ReadListAsync(rg, c.R, n, manifest.TSave * manifest.N, path, ct);
            return new TimeseriesBlock(trial, manifest.TSave, manifest.Nout, manifest.N, z, r);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PartFileReader.Corrupt(path, e);
        }
    }

    private async Task<float[]> ReadListAsync(ParquetRowGroupReader rg, DataField element, int rows, int perRow, string path, CancellationToken ct)
    {
        long expected = (long)rows * perRow;
        long stored = rg.GetMetadata(element)?.MetaData?.NumValues ?? -1;
        if (stored != expected)
            throw new DatasetException($"{path}: column '{element.Path}' has {stored} values in a row group of {rows} rows; expected {rows} x {perRow}");
        int count = checked((int)expected);
        if (_definition.Length < count) (_definition, _repetition) = (new int[count], new int[count]);
        var values = new float[count];
        await rg.ReadRawAsync<float>(element, values, _definition.AsMemory(0, count), _repetition.AsMemory(0, count), ct);
        int full = element.MaxDefinitionLevel;
        for (int i = 0; i < count; i++)
        {
            // Every list starts at a row boundary (level 0) and holds exactly perRow non-null values.
            if ((_repetition[i] == 0) != (i % perRow == 0) || _definition[i] != full)
                throw new DatasetException($"{path}: column '{element.Path}' does not hold lists of exactly {perRow} non-null values per row");
        }
        return values;
    }
}
