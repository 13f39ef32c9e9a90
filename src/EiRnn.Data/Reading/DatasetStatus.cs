namespace EiRnn.Data.Reading;

/// <summary>Which shards of a dataset have finished (have written `_SUCCESS.&lt;I&gt;-of-&lt;N&gt;`).</summary>
/// <param name="ShardCount">N from the `_SUCCESS` files, or the count the caller expects; null when neither is known.</param>
public sealed record DatasetStatus(int? ShardCount, IReadOnlyList<ShardSuccess> CompletedShards, IReadOnlyList<int> MissingShards)
{
    public bool IsComplete => ShardCount is not null && MissingShards.Count == 0;
}
