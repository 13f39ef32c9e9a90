using System.CommandLine;
using EiRnn.Analysis.Runs;
using EiRnn.Core.Config;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn analyze`: result tables (Parquet), PNG figures and index.html for a dataset.</summary>
internal static class AnalyzeVerb
{
    public static Command Build()
    {
        var data = new Option<string>("--data") { Description = "Dataset folder written by simulate or sweep.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: index.html, *.png, tables/*.parquet.", Required = true };
        var model = new Option<string?>("--model") { Description = "The model.onnx the dataset was simulated from (SHA-256 checked); enables sorted connectivity and fixed points." };
        var training = new Option<string?>("--training") { Description = "A train output folder (learning-curve.csv, train-summary.json) for the learning curve." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every analysis random stream (bootstraps, start points); recorded in the report.", DefaultValueFactory = _ => 1UL };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples per confidence interval (default 1000; docs/analysis.md#psychometric-function).", DefaultValueFactory = _ => 1000 };
        var assemblies = TaskAssemblies.Option();
        var cmd = new Command("analyze", "Analyse a dataset: psychometric fits, RT, selectivity, trajectory PCA, regression subspace, Romo tuning, perturbation effects, fixed points; tables, figures and a report.")
        {
            data, output, model, training, seed, resamples, assemblies, CliOptions.PrintConfig,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            var request = new AnalysisRequest
            {
                DataDir = parse.GetValue(data)!, OutDir = parse.GetValue(output)!, ModelPath = parse.GetValue(model),
                TrainingDir = parse.GetValue(training), Seed = parse.GetValue(seed), BootstrapResamples = parse.GetValue(resamples),
            };
            if (parse.GetValue(CliOptions.PrintConfig)) { Console.WriteLine(JsonConfig.Serialize(request)); return VerbRunner.Ok; }
            var registry = TaskAssemblies.Registry(parse, assemblies);
            // With the model, a task file it was trained on is known too.
            if (request.ModelPath is { } modelPath && File.Exists(modelPath)) TaskAssemblies.RegisterModelTaskFile(registry, modelPath);
            var result = await AnalysisRun.RunAsync(Pipeline.AnalysisTaskContext.Complete(request, registry), cancel);
            Console.WriteLine($"analysed {result.Task} ({result.Perturbations.Count} perturbation partition(s)): {result.Figures.Count} figures, " +
                              $"{result.Tables.Count} tables; report {result.ReportPath}");
            return VerbRunner.Ok;
        });
        return cmd;
    }
}
