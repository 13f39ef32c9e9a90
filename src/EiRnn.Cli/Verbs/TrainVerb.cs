using System.CommandLine;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Cli.Seeds;
using EiRnn.Onnx.Export;
using EiRnn.Training;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn train`: trains a network to its task's criterion (docs/training.md, docs/training.md#outputs-of-a-run).</summary>
internal static class TrainVerb
{
    public static Command Build()
    {
        var task = new Option<string?>("--task") { Description = "Task name (see `eirnn tasks`); may instead be given as \"task\" in --config." };
        var output = new Option<string>("--out") { Description = "Output folder (train-summary.json, learning-curve.csv, checkpoints/).", Required = true };
        var config = new Option<string?>("--config") { Description = "JSON train config: any subset of keys, merged over the task's and preset's defaults." };
        var seed = new Option<ulong?>("--seed") { Description = "Root seed of every random stream (default 1, or \"seed\" in --config)." };
        var resume = new Option<bool>("--resume") { Description = "Continue exactly from OUT/checkpoints/last." };
        var threads = new Option<int?>("--threads") { Description = "LibTorch intra-op threads (default 1: for networks of this size one thread measured faster than two, see tools/EiRnn.TrainingBenchmark); with --seeds, how many seeds train at once (one thread each)." };
        var seeds = new Option<string?>("--seeds") { Description = "Train several seeds, e.g. 1-5 or 1,3,7: each into OUT/seed-S exactly as `train --seed S --threads 1`, then the report seeds.md in OUT." };
        var assemblies = TaskAssemblies.Option();
        var taskFile = TaskAssemblies.FileOption();
        var cmd = new Command("train", "Train a network on a task until its criterion is met; writes summary, learning curve and checkpoints.")
        {
            task, taskFile, output, config, seed, seeds, resume, threads, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            string? configPath = parse.GetValue(config);
            string? json = configPath is null ? null : JsonConfig.ReadFile(configPath);
            var registry = TaskAssemblies.Registry(parse, assemblies);
            string outDir = parse.GetValue(output)!;
            string? resumedTask = parse.GetValue(resume) && parse.GetValue(seeds) is null
                ? TaskAssemblies.RegisterCheckpointTaskFile(parse, taskFile, registry, new TrainingRun(outDir).LastCheckpoint) : null;
            string? taskName = TaskAssemblies.RegisterFile(parse, taskFile, registry, parse.GetValue(task)) ?? parse.GetValue(task) ?? resumedTask;
            var resolved = TrainConfigResolver.Resolve(json, taskName, parse.GetValue(seed), registry, configPath ?? "command line");
            if (parse.GetValue(CliOptions.PrintConfig))
            {
                Console.WriteLine(resolved.Describe());
                return VerbRunner.Ok;
            }
            int threadCount = parse.GetValue(threads) ?? 1;
            if (threadCount < 1) throw new ConfigException("threads", $"must be >= 1, got {threadCount}");
            if (parse.GetValue(seeds) is { } seedList)
            {
                if (parse.GetValue(seed) is not null) throw new ConfigException("seeds", "cannot be combined with --seed (each seed's run sets its own)");
                var request = new SeedRunRequest(SeedList.Parse(seedList), outDir, threadCount,
                    SeedArguments(parse, task, taskFile, configPath, assemblies), parse.GetValue(resume));
                return await TrainSeeds.RunAsync(request, resolved.Task, Console.Out, cancel).ConfigureAwait(false);
            }
            var run = new TrainingRun(parse.GetValue(output)!, TrainingProgressPrinter.ForConsole(), threadCount);
            var outcome = run.Run(TrainConfigResolver.Setup(resolved, registry), parse.GetValue(resume), cancel);
            // The kept (lowest validation cost) network as the shareable file (rate network: effective and pruned).
            string modelPath = Path.Combine(parse.GetValue(output)!, "model.onnx");
            ModelExporter.Save(outcome.Network, modelPath);
            Console.WriteLine($"model: {modelPath}");
            return VerbRunner.Ok;
        });
        return cmd;
    }

    /// <summary>The arguments every seed's `train` shares (paths made absolute, so they hold in any working folder).</summary>
    private static string[] SeedArguments(ParseResult parse, Option<string?> task, Option<string?> taskFile, string? configPath, Option<string[]> assemblies)
    {
        var args = new List<string>();
        if (parse.GetValue(task) is { } t) args.AddRange(["--task", t]);
        if (parse.GetValue(taskFile) is { } f) args.AddRange(["--task-file", Path.GetFullPath(f)]);
        if (configPath is not null) args.AddRange(["--config", Path.GetFullPath(configPath)]);
        foreach (var a in parse.GetValue(assemblies) ?? []) args.AddRange(["--task-assembly", Path.GetFullPath(a)]);
        return [.. args];
    }
}
