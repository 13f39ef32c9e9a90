using EiRnn.Core.Errors;

namespace EiRnn.Simulation.Sweeps;

/// <summary>
/// Which share of a sweep this process runs (docs/sweeps.md#work-units-seeds-and-shards): explicit --shard/--shard-count,
/// else a Slurm job array (I = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / step, N =
/// SLURM_ARRAY_TASK_COUNT), else a Kubernetes Indexed Job (I = JOB_COMPLETION_INDEX, N from --shard-count
/// or EIRNN_SHARD_COUNT), else the whole sweep.
/// </summary>
public readonly record struct ShardSelection(int Index, int Count, string Source)
{
    public static ShardSelection Whole => new(0, 1, "unsharded");

    public static ShardSelection Resolve(int? shard, int? shardCount, Func<string, string?> env)
    {
        if (shard is not null || shardCount is not null)
        {
            if (shard is null) 
            {
                // --shard-count alone is how a Kubernetes Indexed Job passes N.
                if (Int(env, "JOB_COMPLETION_INDEX") is int k8s) return Checked(k8s, shardCount!.Value, "kubernetes JOB_COMPLETION_INDEX", "--shard-count");
                throw new ConfigException("--shard", "is required with --shard-count (or run inside a Kubernetes Indexed Job)");
            }
            if (shardCount is null) throw new ConfigException("--shard-count", "is required with --shard");
            return Checked(shard.Value, shardCount.Value, "--shard/--shard-count", "--shard-count");
        }
        if (Int(env, "SLURM_ARRAY_TASK_ID") is int id)
        {
            int min = Int(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
            int step = Int(env, "SLURM_ARRAY_TASK_STEP") ?? 1;
            int count = Int(env, "SLURM_ARRAY_TASK_COUNT") ?? throw new ConfigException("SLURM_ARRAY_TASK_COUNT", "is not set but SLURM_ARRAY_TASK_ID is");
            if (step < 1) throw new ConfigException("SLURM_ARRAY_TASK_STEP", $"must be >= 1, got {step}");
            if ((id - min) % step != 0) throw new ConfigException("SLURM_ARRAY_TASK_ID", $"{id} is not min + k*step (min {min}, step {step})");
            return Checked((id - min) / step, count, "slurm array", "SLURM_ARRAY_TASK_COUNT");
        }
        if (Int(env, "JOB_COMPLETION_INDEX") is int index)
        {
            int count = Int(env, "EIRNN_SHARD_COUNT") ?? throw new ConfigException("EIRNN_SHARD_COUNT",
                "is needed with a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is set): pass --shard-count or set EIRNN_SHARD_COUNT to the job's completions");
            return Checked(index, count, "kubernetes indexed job", "EIRNN_SHARD_COUNT");
        }
        return Whole;
    }

    private static ShardSelection Checked(int index, int count, string source, string countField)
    {
        if (count < 1) throw new ConfigException(countField, $"must be >= 1, got {count}");
        if (index < 0 || index >= count) throw new ConfigException("shard", $"index {index} is outside [0, {count - 1}] ({source})");
        return new ShardSelection(index, count, source);
    }

    private static int? Int(Func<string, string?> env, string name)
    {
        string? v = env(name);
        if (string.IsNullOrWhiteSpace(v)) return null;
        return int.TryParse(v, out int x) ? x : throw new ConfigException(name, $"must be an integer, got '{v}'");
    }
}
