using System.Globalization;
using System.Text.RegularExpressions;

namespace EiRnn.Data.Layout;

/// <summary>The tables of a dataset (one folder each).</summary>
public enum DatasetTable { Trials, Timeseries, Units }

/// <summary>
/// File and folder names of a dataset (docs/datasets.md):
/// <code>
/// DIR/manifest.json
/// DIR/trials/perturbation=&lt;id&gt;/part-&lt;shard&gt;-&lt;unit&gt;.parquet
/// DIR/timeseries/perturbation=&lt;id&gt;/part-&lt;shard&gt;-&lt;unit&gt;.parquet
/// DIR/units/units.parquet                       (one file, not partitioned: units do not depend on a perturbation)
/// DIR/_SUCCESS.&lt;I&gt;-of-&lt;N&gt;                     (written last by shard I of N)
/// </code>
/// A part file is written as `.part-…parquet.tmp` in the same folder and renamed when complete: the leading
/// dot hides it from pyarrow/pandas and the suffix from `*.parquet` globs (DuckDB).
/// </summary>
public static partial class DatasetLayout
{
    public const string ManifestFileName = "manifest.json";
    public const string PartitionKey = "perturbation";
    public const string UnitsFileName = "units.parquet";
    private const string TempSuffix = ".tmp";

    public static string TableFolderName(DatasetTable table) => table switch
    {
        DatasetTable.Trials => "trials",
        DatasetTable.Timeseries => "timeseries",
        DatasetTable.Units => "units",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static string ManifestPath(string root) => Path.Combine(root, ManifestFileName);

    public static string TableFolder(string root, DatasetTable table) => Path.Combine(root, TableFolderName(table));

    public static string PartitionFolder(string root, DatasetTable table, string perturbation) =>
        Path.Combine(TableFolder(root, table), $"{PartitionKey}={perturbation}");

    public static string UnitsPath(string root) => Path.Combine(TableFolder(root, DatasetTable.Units), UnitsFileName);

    /// <summary>`part-00003-0000042.parquet`: zero-padded so that name order is shard, then unit order.</summary>
    public static string PartFileName(int shard, int unit) =>
        string.Create(CultureInfo.InvariantCulture, $"part-{shard:D5}-{unit:D7}.parquet");

    public static string PartPath(string root, DatasetTable table, string perturbation, int shard, int unit) =>
        Path.Combine(PartitionFolder(root, table, perturbation), PartFileName(shard, unit));

    /// <summary>The hidden name a file is written under before it is renamed to <paramref name="finalPath"/>.</summary>
    public static string TempPathFor(string finalPath) =>
        Path.Combine(Path.GetDirectoryName(finalPath)!, "." + Path.GetFileName(finalPath) + TempSuffix);

    public static string SuccessFileName(int shard, int shardCount) =>
        string.Create(CultureInfo.InvariantCulture, $"_SUCCESS.{shard}-of-{shardCount}");

    [GeneratedRegex(@"^part-(\d+)-(\d+)\.parquet$")]
    private static partial Regex PartName();

    [GeneratedRegex(@"^\.part-(\d+)-(\d+)\.parquet\.tmp$")]
    private static partial Regex TempPartName();

    [GeneratedRegex(@"^_SUCCESS\.(\d+)-of-(\d+)$")]
    private static partial Regex SuccessName();

    /// <summary>Parses a final part file name into (shard, unit); null for anything else.</summary>
    public static (int Shard, int Unit)? ParsePartName(string fileName) => ParsePair(PartName(), fileName);

    /// <summary>Parses a temporary part file name into (shard, unit); null for anything else.</summary>
    public static (int Shard, int Unit)? ParseTempPartName(string fileName) => ParsePair(TempPartName(), fileName);

    public static (int Shard, int ShardCount)? ParseSuccessName(string fileName) => ParsePair(SuccessName(), fileName);

    private static (int, int)? ParsePair(Regex re, string fileName)
    {
        var m = re.Match(fileName);
        if (!m.Success) return null;
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int a)) return null;
        if (!int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int b)) return null;
        return (a, b);
    }

    /// <summary>Perturbation ids that have a partition folder in a table, in ordinal order.</summary>
    public static IReadOnlyList<string> Partitions(string root, DatasetTable table)
    {
        string folder = TableFolder(root, table);
        if (!Directory.Exists(folder)) return [];
        string prefix = PartitionKey + "=";
        return Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Where(n => n is not null && n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n![prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Final part files of one partition, in name order (temporary files are never listed).</summary>
    public static IReadOnlyList<string> PartFiles(string root, DatasetTable table, string perturbation)
    {
        string folder = PartitionFolder(root, table, perturbation);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder)
            .Where(f => ParsePartName(Path.GetFileName(f)) is not null)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
