using System.Globalization;
using System.Text;
using EiRnn.Data.Layout;
using EiRnn.Data.Reading;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Simulation.Runs;

/// <summary>One shard's line of `sweep --status`.</summary>
/// <param name="UnitsExpected">From the sweep plan when the model and spec were given, else null.</param>
public sealed record ShardStatusRow(int Shard, bool Complete, int UnitsWritten, int? UnitsExpected, long? TrialRows);

/// <summary>
/// `sweep --status`: which shards of a dataset have written `_SUCCESS` and how many work units each has on
/// disk (counted from final part files, so a running or killed shard shows its progress too).
/// </summary>
public static class SweepStatus
{
    public static IReadOnlyList<ShardStatusRow> Read(string outDir, int? shardCount, SweepPlan? plan)
    {
        var reader = DatasetReader.Open(outDir);
        var status = reader.Status(shardCount);
        int count = status.ShardCount ?? 1;
        var written = new int[count];
        foreach (string p in DatasetLayout.Partitions(outDir, DatasetTable.Trials))
            foreach (string f in DatasetLayout.PartFiles(outDir, DatasetTable.Trials, p))
                if (DatasetLayout.ParsePartName(Path.GetFileName(f)) is { } part) written[part.Unit % count]++;
        var done = status.CompletedShards.ToDictionary(s => s.Shard);
        return Enumerable.Range(0, count).Select(i => new ShardStatusRow(i, done.ContainsKey(i), written[i],
            plan?.UnitsOf(new ShardSelection(i, count, "status")).Count(), done.TryGetValue(i, out var s) ? s.TrialRows : null)).ToArray();
    }

    public static string Format(IReadOnlyList<ShardStatusRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("shard  complete  units written  units expected  trial rows");
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Shard,5}  {(r.Complete ? "yes" : "no"),8}  {r.UnitsWritten,13}  {(r.UnitsExpected?.ToString(CultureInfo.InvariantCulture) ?? "?"),14}  {(r.TrialRows?.ToString(CultureInfo.InvariantCulture) ?? "-"),10}"));
        int complete = rows.Count(r => r.Complete);
        sb.Append(CultureInfo.InvariantCulture, $"{complete} of {rows.Count} shards complete");
        return sb.ToString();
    }
}
