using EiRnn.Core.Errors;

namespace EiRnn.Data;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (docs/sweeps.md#work-units-seeds-and-shards): it takes work units with index ≡ Index (mod Count).</summary>
public readonly record struct ShardId
{
    public ShardId(int index, int count)
    {
        if (count < 1) throw new ConfigException("shard_count", $"must be >= 1, got {count}");
        if (index < 0 || index >= count) throw new ConfigException("shard", $"must be in [0, {count - 1}], got {index}");
        (Index, Count) = (index, count);
    }

    public int Index { get; }
    public int Count { get; }

    /// <summary>The only shard of an unsharded run.</summary>
    public static ShardId Single => new(0, 1);

    public bool Owns(int unitIndex) => unitIndex % Count == Index;

    public override string ToString() => $"{Index}-of-{Count}";
}

/// <summary>One work unit of a run: its index in the run's deterministic unit list and its perturbation.</summary>
public readonly record struct WorkUnit(int Index, string Perturbation);
