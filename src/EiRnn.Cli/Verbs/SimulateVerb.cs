using System.CommandLine;
using System.CommandLine.Parsing;
using EiRnn.Core.Config;
using EiRnn.Simulation.Runs;
using EiRnn.Tasks.Contract;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn simulate`: each test condition × K trials through the ONNX model into a Parquet dataset.</summary>
internal static class SimulateVerb
{
    public static Command Build()
    {
        var model = SimulationOptions.Model();
        var output = new Option<string>("--out") { Description = "Dataset folder (manifest.json, trials/, timeseries/, units/). Re-running resumes.", Required = true };
        var task = new Option<string?>("--task") { Description = "Task whose test conditions are simulated (default: the model's task)." };
        var k = new Option<int>("--trials-per-condition") { Description = "Trials per test condition.", DefaultValueFactory = _ => 100 };
        var dt = new Option<float?>("--dt") { Description = "Integration step in ms (default 0.5 ms, the papers' test step, docs/model.md#euler-discretisation; an imported model's own dt)." };
        var timing = EnumOption.Optional<TaskTiming>("--timing", "test or train epoch durations.", TaskTiming.Test);
        var save = new Option<SavedSeries?>("--save")
        {
            Description = "Saved time series: z, or z and the rates r. [default: z,r]", HelpName = "z|z,r", CustomParser = ParseSave,
        };
        var dtSave = new Option<float?>("--dt-save") { Description = "Spacing of saved samples in ms (a multiple of --dt; default 10 ms, or the nearest multiple of the dt)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of trial timings and noise (recorded in the dataset).", DefaultValueFactory = _ => 1UL };
        var unit = new Option<int>("--trials-per-unit") { Description = "Trials per part file (the resume granularity).", DefaultValueFactory = _ => 1000 };
        var device = SimulationOptions.Device();
        var threads = SimulationOptions.Threads();
        var strategy = SimulationOptions.Strategy();
        var assemblies = TaskAssemblies.Option();
        var taskFile = TaskAssemblies.FileOption();
        var cmd = new Command("simulate", "Simulate test trials of a model with ONNX Runtime and write a Parquet dataset.")
        {
            model, output, task, taskFile, k, dt, timing, save, dtSave, device, threads, strategy, seed, unit, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            var (dtMs, dtSaveMs) = DefaultDt.ForSimulate(parse.GetValue(model)!, parse.GetValue(dt), parse.GetValue(dtSave));
            var request = new SimulateRequest
            {
                ModelPath = parse.GetValue(model)!, OutDir = parse.GetValue(output)!, Task = parse.GetValue(task),
                TrialsPerCondition = parse.GetValue(k), DtMs = dtMs, Timing = parse.GetValue(timing) ?? TaskTiming.Test,
                SaveRates = parse.GetValue(save) != SavedSeries.Z, DtSaveMs = dtSaveMs, Seed = parse.GetValue(seed),
                TrialsPerUnit = parse.GetValue(unit), Session = SimulationOptions.Session(parse, device, threads, strategy),
            };
            var registry = TaskAssemblies.Registry(parse, assemblies);
            if (TaskAssemblies.RegisterFile(parse, taskFile, registry, request.Task) is { } fileTask) request = request with { Task = fileTask };
            if (parse.GetValue(CliOptions.PrintConfig)) { Console.WriteLine(JsonConfig.Serialize(request)); return VerbRunner.Ok; }
            var summary = await SimulationRun.RunAsync(request, TaskAssemblies.ForModel(registry, request.ModelPath),
                new TrialProgressBar("simulate"), cancel);
            Console.WriteLine($"simulated {summary.TrialsSimulatedNow:N0} of {summary.Trials:N0} trials ({summary.Task}) in {summary.WallSeconds:F1} s: " +
                              $"{summary.TrialsPerSecond:N0} trials/s, {summary.UnitStepsPerSecond / 1e6:N0} M unit-steps/s; dataset {summary.OutDir}");
            Console.WriteLine(DivergedTrialTally.Format(summary.Diverged));
            return VerbRunner.Ok;
        });
        return cmd;
    }

    /// <summary>What --save keeps (not a bool: a bool option would take only true/false and leave 'z' or 'z,r' unparsed).</summary>
    private enum SavedSeries { Z, ZAndR }

    /// <summary>--save: only the outputs (z) or the rates too (z,r); anything else is a parse error (exit 2).</summary>
    private static SavedSeries? ParseSave(ArgumentResult result)
    {
        string s = string.Join(' ', result.Tokens.Select(t => t.Value));
        var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p is not ("z" or "r")) || !parts.Contains("z"))
        {
            result.AddError($"'--save' must be z or z,r, got '{s}'");
            return null;
        }
        return parts.Contains("r") ? SavedSeries.ZAndR : SavedSeries.Z;
    }
}
