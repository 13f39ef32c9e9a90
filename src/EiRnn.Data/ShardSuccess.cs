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

    /// <summary>Checks the counts' ranges; throws <see cref="Core.Errors.ConfigException"/> naming the first bad field.</summary>
    public ShardSuccess Validated()
    {
        if (ShardCount < 1) throw new Core.Errors.ConfigException("shard_count", $"must be >= 1, got {ShardCount}");
        if (Shard < 0 || Shard >= ShardCount) throw new Core.Errors.ConfigException("shard", $"must be in [0, {ShardCount - 1}], got {Shard}");
        if (Units < 0) throw new Core.Errors.ConfigException("units", $"must be >= 0, got {Units}");
        for (int i = 0; i < Partitions.Count; i++)
        {
            if (Partitions[i].Trials < 0) throw new Core.Errors.ConfigException($"partitions[{i}].trials", $"must be >= 0, got {Partitions[i].Trials}");
            if (Partitions[i].Timeseries < 0) throw new Core.Errors.ConfigException($"partitions[{i}].timeseries", $"must be >= 0, got {Partitions[i].Timeseries}");
        }
        return this;
    }
}
