using System.CommandLine;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Simulation.Runs;
using EiRnn.Simulation.Sweeps;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn sweep`: one shard of a perturbation sweep (or the whole sweep) into a shared, resumable dataset.</summary>
internal static class SweepVerb
{
    public static Command Build()
    {
        var model = new Option<string?>("--model") { Description = "A model.onnx following the EiRnnPipeline contract (required unless --status)." };
        var spec = new Option<string?>("--spec") { Description = "Sweep spec (JSON, schemas/sweep-spec.schema.json; required unless --status)." };
        var output = new Option<string>("--out") { Description = "Dataset folder shared by all shards. Re-running resumes.", Required = true };
        var shard = new Option<int?>("--shard") { Description = "This shard's index I (takes work units with index = I mod N). Default: Slurm/Kubernetes variables, else the whole sweep." };
        var shardCount = new Option<int?>("--shard-count") { Description = "Number of shards N (or EIRNN_SHARD_COUNT / SLURM_ARRAY_TASK_COUNT)." };
        var status = new Option<bool>("--status") { Description = "Print which shards are complete and how many units each has written, then exit." };
        var device = SimulationOptions.Device();
        var threads = SimulationOptions.Threads();
        var strategy = SimulationOptions.Strategy();
        var assemblies = TaskAssemblies.Option();
        var cmd = new Command("sweep", "Run a perturbation sweep (sharded, resumable) with ONNX Runtime into a Parquet dataset.")
        {
            model, spec, output, shard, shardCount, status, device, threads, strategy, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            string outDir = parse.GetValue(output)!;
            var registry = TaskAssemblies.Registry(parse, assemblies);
            if (parse.GetValue(status))
            {
                SweepPlan? plan = null;
                if (parse.GetValue(model) is { } m && parse.GetValue(spec) is { } s)
                    plan = SweepRun.Prepare(new SweepRequest { ModelPath = m, SpecPath = s, OutDir = outDir }, TaskAssemblies.ForModel(registry, m)).Plan;
                var selection = parse.GetValue(shardCount) is int n ? n : (int?)null;
                Console.WriteLine(SweepStatus.Format(SweepStatus.Read(outDir, selection, plan)));
                return VerbRunner.Ok;
            }
            var request = new SweepRequest
            {
                ModelPath = parse.GetValue(model) ?? throw new ConfigException("--model", "is required (except with --status)"),
                SpecPath = parse.GetValue(spec) ?? throw new ConfigException("--spec", "is required (except with --status)"),
                OutDir = outDir,
                Shard = ShardSelection.Resolve(parse.GetValue(shard), parse.GetValue(shardCount), Environment.GetEnvironmentVariable),
                Session = SimulationOptions.Session(parse, device, threads, strategy),
            };
            if (parse.GetValue(CliOptions.PrintConfig))
            {
                var prepared = SweepRun.Prepare(request, TaskAssemblies.ForModel(registry, request.ModelPath));
                Console.WriteLine(JsonConfig.Serialize(new
                {
                    model = request.ModelPath, out_dir = outDir, shard = request.Shard.Index, shard_count = request.Shard.Count,
                    shard_source = request.Shard.Source, request.Session, sweep = prepared.Plan.Spec,
                    perturbations = prepared.Plan.Perturbations.Select(p => p.Description).ToArray(),
                    units = prepared.Plan.Units.Count, trials = prepared.Plan.TotalTrials,
                }));
                return VerbRunner.Ok;
            }
            DefaultDt.NoteForSweep(request);
            var summary = await SweepRun.RunAsync(request, TaskAssemblies.ForModel(registry, request.ModelPath),
                new TrialProgressBar($"sweep {request.Shard.Index}/{request.Shard.Count}"), cancel);
            Console.WriteLine($"shard {summary.Shard.Index} of {summary.Shard.Count} ({summary.Shard.Source}): {summary.TrialsSimulatedNow:N0} of " +
                              $"{summary.ShardTrials:N0} trials simulated now ({summary.UnitsSkipped} of {summary.Units} units already done), " +
                              $"{summary.Perturbations} perturbations of {summary.Task}, in {summary.WallSeconds:F1} s: {summary.TrialsPerSecond:N0} trials/s, " +
                              $"{summary.UnitStepsPerSecond / 1e6:N0} M unit-steps/s, {summary.WriteShare:P0} of the time writing Parquet; dataset {summary.OutDir}");
            Console.WriteLine(DivergedTrialTally.Format(summary.Diverged));
            return VerbRunner.Ok;
        });
        return cmd;
    }
}
