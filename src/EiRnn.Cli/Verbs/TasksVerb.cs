using System.CommandLine;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Options;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn tasks`: each task's inputs, outputs, periods, metric and criterion.</summary>
internal static class TasksVerb
{
    public static Command Build()
    {
        var name = new Argument<string?>("name") { Description = "Show only this task.", Arity = ArgumentArity.ZeroOrOne };
        var assemblies = TaskAssemblies.Option();
        var taskFile = TaskAssemblies.FileOption();
        var cmd = new Command("tasks", "List the tasks (built-in, from --task-assembly, or the one of --task-file) with their options, inputs, outputs, periods, metric and criterion.") { name, assemblies, taskFile };
        cmd.SetAction(parse =>
        {
            var registry = TaskAssemblies.Registry(parse, assemblies);
            string? only = TaskAssemblies.RegisterFile(parse, taskFile, registry, parse.GetValue(name)) ?? parse.GetValue(name);
            var names = only is null ? registry.Names : [only];
            foreach (var n in names) Print(registry.Definition(n));
            return VerbRunner.Ok;
        });
        return cmd;
    }

    private static void Print(TaskDefinition definition)
    {
        var task = definition.Create();
        var d = task.Description;
        var def = d.Defaults;
        Console.WriteLine($"{d.Name}: {d.Summary}");
        Console.WriteLine($"  inputs   ({d.InputNames.Count}): {string.Join(", ", d.InputNames)}" +
                          (d.InputsNonNegative ? "" : " (task adds its own noise; may be negative)"));
        Console.WriteLine($"  outputs  ({d.OutputNames.Count}): {string.Join(", ", d.OutputNames)}");
        Console.WriteLine($"  periods : {string.Join(" -> ", d.PeriodNames)}; catch probability {d.CatchProbability:0.###}; " +
                          $"{(d.TimeGrid == TimeGrid.PsychRnn ? "PsychRNN" : "pycog")} time grid");
        Console.WriteLine($"  trials  : {string.Join(", ", task.ConditionColumns.Select(c => c.Name))}; " +
                          $"{task.TestConditions.Count} test conditions" +
                          (d.TrainingBlockSize > 1 ? $"; training in blocks of {d.TrainingBlockSize}" : ""));
        Console.WriteLine($"  metric  : {StoppingCriterion.MetricName(d.Criterion.Metric)}; criterion: {d.Criterion.Describe()}");
        Console.WriteLine($"  recipe  : preset {def.Preset.ToString().ToLowerInvariant()}, N {def.N} ({(def.Dale ? $"Dale {def.ExcitatoryFraction:0.##} E" : "no Dale")}), " +
                          $"tau {def.TauMs} ms, dt {def.DtTrainMs} ms, batch {def.BatchSize}, n_validation {def.ValidationTrials}, sigma_rec {def.SigmaRec}, " +
                          $"{def.Structure} connectivity, readout from {(def.ReadoutFromAllUnits ? "all" : "E")} units{(def.Continuous ? ", continuous" : "")}");
        var options = definition.Options();
        Console.WriteLine(options.Count == 0 ? "  options : none" : "  options : (task_options in a train config; default in brackets)");
        foreach (var o in options) Console.WriteLine($"    {o.Key} ({o.Type}) [{o.DefaultJson}]: {o.Description}");
        if (definition.Origin != "built-in") Console.WriteLine($"  from    : {definition.Origin}");
        Console.WriteLine();
    }
}
