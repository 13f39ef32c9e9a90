using EiRnn.Core.Errors;

namespace EiRnn.Data;

/// <summary>Parquet page compression. Both are fast; Parquet.Net's default Zstd level (19) is not offered.</summary>
public enum DatasetCompression { Snappy, ZstdFast }

/// <summary>How the dataset writer sizes and compresses its files. Row groups bound the writer's memory.</summary>
public sealed record DatasetWriterOptions
{
    public DatasetCompression Compression { get; init; } = DatasetCompression.Snappy;

    /// <summary>Rows of the trials table buffered before a row group is written.</summary>
    public int TrialRowsPerRowGroup { get; init; } = 65_536;

    /// <summary>Memory budget of one buffered timeseries row group (values plus Parquet levels), bytes.</summary>
    public long TimeseriesBytesPerRowGroup { get; init; } = 32L << 20;

    /// <summary>
    /// fsync each part file before renaming it, so that even a machine crash never leaves a final name on a
    /// partial file. Costs disk bandwidth in the writer's thread (about half the steady-state write rate with
    /// r saved); a killed process is safe either way, since the rename happens only after the footer is written.
    /// </summary>
    public bool FlushToDisk { get; init; } = true;

    public DatasetWriterOptions Validated()
    {
        if (TrialRowsPerRowGroup is < 1 or > 10_000_000)
            throw new ConfigException("trial_rows_per_row_group", $"must be in [1, 10000000], got {TrialRowsPerRowGroup}");
        if (TimeseriesBytesPerRowGroup is < 1 or > (1L << 31))
            throw new ConfigException("timeseries_bytes_per_row_group", $"must be in [1, 2^31], got {TimeseriesBytesPerRowGroup}");
        if (!Enum.IsDefined(Compression))
            throw new ConfigException("compression", $"must be snappy or zstd-fast, got {Compression}");
        return this;
    }

    internal Parquet.ParquetOptions ToParquetOptions() => new()
    {
        CompressionMethod = Compression == DatasetCompression.Snappy ? Parquet.CompressionMethod.Snappy : Parquet.CompressionMethod.Zstd,
        // Level 1 for Zstd; Snappy has no levels.
        CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
    };
}
