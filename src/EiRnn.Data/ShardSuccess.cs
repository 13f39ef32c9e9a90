namespace EiRnn.Data;

/// <summary>Rows one shard wrote into one perturbation partition.</summary>
public sealed record PartitionRowCount(string Perturbation, long Trials, long Timeseries);

/// <summary>
/// Contents of `_SUCCESS.&lt;I&gt;-of-&lt;N&gt;`, written last by a shard: its completed work units and row counts
/// (counted from the footers of the shard's part files, so units done by an earlier, resumed run count too).
/// </summary>
public sealed record ShardSuccess(int Shard, int ShardCount, int Units, IReadOnlyList<PartitionRowCount> Partitions)
{
    public long TrialRows => Partitions.Sum(p => p.Trials);
}
