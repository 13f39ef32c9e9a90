using System.Text.Json.Nodes;
using EiRnn.Cli.Seeds;
using EiRnn.Core.Config;
using EiRnn.Core.Io;

namespace EiRnn.Cli.Pipeline;

/// <summary>
/// The train stage with train.seeds (docs/training.md#seeds-in-a-pipeline): `train --seeds` into OUT/train, that is each
/// seed as the child process `train --seed S --threads 1 --out OUT/train/seed-S` (<see cref="SeedRuns"/>), then the seeds
/// report in OUT/train. The children read the stage's train config from OUT/train/<see cref="ConfigFile"/>.
/// </summary>
internal static class PipelineSeedTraining
{
    /// <summary>train.config with train.max_wall_seconds merged in: the `--config` of every seed's run.</summary>
    public const string ConfigFile = "train-config.json";

    /// <summary>What the stage cache keys training on with seeds: the resolved config (of the first seed) and the seed list.</summary>
    public sealed record Settings(TrainConfig Config, IReadOnlyList<ulong> Seeds);

    /// <param name="userTaskFiles">The task file and task assemblies the run's tasks come from (full paths).</param>
    public static Task RunAsync(TrainStageConfig train, TrainConfig resolved, string trainDir, IEnumerable<string> userTaskFiles,
        TextWriter log, CancellationToken cancel)
    {
        // A changed config or seed list makes the old runs meaningless: start afresh.
        SafeFile.DeleteDirectory(trainDir);
        SafeFile.CreateDirectory(trainDir);
        string configPath = Path.Combine(trainDir, ConfigFile);
        SafeFile.WriteAllTextAtomically(configPath, ChildConfig(train));
        var request = new SeedRunRequest(train.Seeds!, trainDir, train.Threads, ChildArguments(train, configPath, userTaskFiles), Resume: false);
        return TrainSeeds.RunAsync(request, resolved.Task, log, cancel);
    }

    private static string ChildConfig(TrainStageConfig train)
    {
        var json = train.Config is { } c ? JsonNode.Parse(c.GetRawText())!.AsObject() : [];
        // The stage's time cap overrides the config's, as in PipelineRunner.ResolveTrainConfig.
        if (train.MaxWallSeconds > 0) json["max_wall_seconds"] = train.MaxWallSeconds;
        return json.ToJsonString(JsonConfig.Options);
    }

    /// <summary>`train`'s arguments for the stage's task: --task or --task-file, --config, and the assemblies of user tasks.</summary>
    private static List<string> ChildArguments(TrainStageConfig train, string configPath, IEnumerable<string> userTaskFiles)
    {
        string? taskFile = train.TaskFile is { } f ? Path.GetFullPath(f) : null;
        var args = taskFile is null ? new List<string> { "--task", train.Task } : ["--task-file", taskFile];
        args.AddRange(["--config", configPath]);
        foreach (string assembly in userTaskFiles.Where(p => p != taskFile)) args.AddRange(["--task-assembly", assembly]);
        return args;
    }
}
