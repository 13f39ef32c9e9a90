using EiRnn.Data.Manifest;
using EiRnn.Data.Schema;
using Parquet;

namespace EiRnn.Data.Writing;

/// <summary>
/// Buffers rows of the timeseries table as flat float arrays plus the Parquet repetition/definition levels
/// of the list columns. Every list has the same length (TSave·Nout or TSave·N), so the level arrays are
/// filled once at construction and reused for every row group.
/// </summary>
internal sealed class TimeseriesRowGroup
{
    private readonly TimeseriesSchema _schema;
    private readonly int _zPerRow, _rPerRow;
    private readonly long[] _trial;
    private readonly float[] _z;
    private readonly float[]? _r;
    private readonly int[] _zRepetition, _definition;
    private readonly int[]? _rRepetition;

    public TimeseriesRowGroup(DatasetManifest manifest, TimeseriesSchema schema, long byteBudget)
    {
        _schema = schema;
        _zPerRow = manifest.TSave * manifest.Nout;
        _rPerRow = manifest.SavesR ? manifest.TSave * manifest.N : 0;
        Capacity = CapacityFor(_zPerRow, _rPerRow, byteBudget);
        _trial = new long[Capacity];
        _z = new float[Capacity * _zPerRow];
        _zRepetition = Levels(Capacity, _zPerRow);
        _definition = new int[Capacity * Math.Max(_zPerRow, _rPerRow)];
        // A present, non-null element of a nullable list is at the list's maximum definition level.
        Array.Fill(_definition, schema.ZElement.MaxDefinitionLevel);
        if (_rPerRow > 0)
        {
            _r = new float[Capacity * _rPerRow];
            _rRepetition = Levels(Capacity, _rPerRow);
        }
    }

    /// <summary>Rows per row group: as many as fit the byte budget (values, repetition and definition levels), at least one.</summary>
    public static int CapacityFor(int zPerRow, int rPerRow, long byteBudget)
    {
        long bytesPerRow = 8 + 8L * (zPerRow + rPerRow) + 4L * Math.Max(zPerRow, rPerRow);
        long rows = Math.Clamp(byteBudget / bytesPerRow, 1, 1_000_000);
        return (int)Math.Min(rows, int.MaxValue / Math.Max(1, Math.Max(zPerRow, rPerRow)));
    }

    /// <summary>Repetition levels of fixed-length lists: 0 starts a row's list, 1 continues it.</summary>
    private static int[] Levels(int rows, int perRow)
    {
        var levels = new int[rows * perRow];
        Array.Fill(levels, 1);
        for (int i = 0; i < rows; i++) levels[i * perRow] = 0;
        return levels;
    }

    public int Capacity { get; }
    public int Count { get; private set; }

    /// <summary>Copies up to the free capacity of rows <paramref name="first"/>.. of a (validated) chunk; returns how many.</summary>
    public int Add(TrialChunk chunk, int first)
    {
        int n = Math.Min(Capacity - Count, chunk.Count - first);
        chunk.Trial.AsSpan(first, n).CopyTo(_trial.AsSpan(Count));
        chunk.Z.AsSpan(first * _zPerRow, n * _zPerRow).CopyTo(_z.AsSpan(Count * _zPerRow));
        if (_r is not null) chunk.R!.AsSpan(first * _rPerRow, n * _rPerRow).CopyTo(_r.AsSpan(Count * _rPerRow));
        Count += n;
        return n;
    }

    public bool IsFull => Count == Capacity;

    public async Task FlushAsync(ParquetWriter writer, CancellationToken ct)
    {
        if (Count == 0) return;
        using (var rg = writer.CreateRowGroup())
        {
            await rg.WriteAsync<long>(_schema.Trial, _trial.AsMemory(0, Count), cancellationToken: ct);
            int nz = Count * _zPerRow;
            await rg.WriteAllPartsAsync<float>(_schema.ZElement, _z.AsMemory(0, nz), _definition.AsMemory(0, nz), _zRepetition.AsMemory(0, nz), ct);
            if (_r is not null)
            {
                int nr = Count * _rPerRow;
                await rg.WriteAllPartsAsync<float>(_schema.RElement!, _r.AsMemory(0, nr), _definition.AsMemory(0, nr), _rRepetition!.AsMemory(0, nr), ct);
            }
            rg.CompleteValidate();
        }
        Count = 0;
    }

    public void Clear() => Count = 0;
}
