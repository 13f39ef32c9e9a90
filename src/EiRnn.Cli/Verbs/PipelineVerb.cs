using System.CommandLine;
using EiRnn.Cli.Pipeline;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn pipeline [FILE]`: train → export → simulate → analyze, skipping unchanged stages.</summary>
internal static class PipelineVerb
{
    public static Command Build()
    {
        var file = new Argument<string?>("config")
        {
            Description = "Pipeline config (JSON, schemas/pipeline-config.schema.json). Omit it for the built-in small rdm-fixed run into runs/pipeline.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var from = EnumOption.Create("--from", "First stage to consider: train, export, simulate or analyze.", PipelineStage.Train);
        var to = EnumOption.Optional<PipelineStage>("--to", "Last stage to consider.", PipelineStage.Analyze);
        var assemblies = TaskAssemblies.Option();
        var cmd = new Command("pipeline", "Run train -> export -> simulate -> analyze from one config; stages whose inputs and settings are unchanged are skipped.")
        {
            file, from, to, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            var config = PipelineRunner.Load(parse.GetValue(file));
            if (parse.GetValue(CliOptions.PrintConfig)) { Console.WriteLine(PipelineRunner.Describe(config)); return VerbRunner.Ok; }
            var runner = new PipelineRunner(config, Console.Out, TaskAssemblies.Registry(parse, assemblies), parse.GetValue(CliOptions.Verbose));
            var ran = await runner.RunAsync(parse.GetValue(from), parse.GetValue(to) ?? PipelineStage.Analyze, cancel);
            Console.WriteLine($"pipeline: {(ran.Count == 0 ? "nothing to do, every stage is up to date" : "ran " + string.Join(", ", ran))}");
            Console.WriteLine($"  model   {runner.ModelPath}");
            Console.WriteLine($"  dataset {runner.DatasetDir}");
            Console.WriteLine($"  report  {Path.Combine(runner.ReportDir, "index.html")}");
            return VerbRunner.Ok;
        });
        return cmd;
    }
}
