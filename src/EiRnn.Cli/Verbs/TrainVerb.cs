using System.CommandLine;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
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
        var threads = new Option<int?>("--threads") { Description = "LibTorch intra-op threads (default 1: for networks of this size one thread measured faster than two, see tools/EiRnn.TrainingBenchmark)." };
        var assemblies = TaskAssemblies.Option();
        var taskFile = TaskAssemblies.FileOption();
        var cmd = new Command("train", "Train a network on a task until its criterion is met; writes summary, learning curve and checkpoints.")
        {
            task, taskFile, output, config, seed, resume, threads, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction((parse, cancel) =>
        {
            string? configPath = parse.GetValue(config);
            string? json = configPath is null ? null : JsonConfig.ReadFile(configPath);
            var registry = TaskAssemblies.Registry(parse, assemblies);
            string outDir = parse.GetValue(output)!;
            string? resumedTask = parse.GetValue(resume)
                ? TaskAssemblies.RegisterCheckpointTaskFile(parse, taskFile, registry, new TrainingRun(outDir).LastCheckpoint) : null;
            string? taskName = TaskAssemblies.RegisterFile(parse, taskFile, registry, parse.GetValue(task)) ?? parse.GetValue(task) ?? resumedTask;
            var resolved = TrainConfigResolver.Resolve(json, taskName, parse.GetValue(seed), registry, configPath ?? "command line");
            if (parse.GetValue(CliOptions.PrintConfig))
            {
                Console.WriteLine(resolved.Describe());
                return Task.FromResult(VerbRunner.Ok);
            }
            int threadCount = parse.GetValue(threads) ?? 1;
            if (threadCount < 1) throw new ConfigException("threads", $"must be >= 1, got {threadCount}");
            var run = new TrainingRun(parse.GetValue(output)!, TrainingProgressPrinter.ForConsole(), threadCount);
            var outcome = run.Run(TrainConfigResolver.Setup(resolved, registry), parse.GetValue(resume), cancel);
            // The kept (lowest validation cost) network as the shareable file (rate network: effective and pruned).
            string modelPath = Path.Combine(parse.GetValue(output)!, "model.onnx");
            ModelExporter.Save(outcome.Network, modelPath);
            Console.WriteLine($"model: {modelPath}");
            return Task.FromResult(VerbRunner.Ok);
        });
        return cmd;
    }
}
