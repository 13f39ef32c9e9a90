using System.CommandLine;
using EiRnn.Cli.Reproduce;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn reproduce`: the paper's qualitative claims measured on the committed (or freshly trained) networks (docs/reproduce.md).</summary>
internal static class ReproduceVerb
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Output folder: index.html (✓/✗ per claim), claims.parquet, and per network its dataset, analysis and (with --train) model card.", Required = true };
        var select = new Option<string?>("--tasks") { Description = "Comma-separated networks (folder names under --models) or tasks to run, e.g. rdm-rt,mante; default: all." };
        var train = new Option<bool>("--train") { Description = "Train each network afresh from data/pipelines/<name>.json (train and export stages) instead of using the committed model; cards then go to OUT/<name>/README.md." };
        var claims = new Option<string>("--claims") { Description = "Claims file: statements, measures, thresholds (with reasons) and scaled test sets.", DefaultValueFactory = _ => "data/claims/pycog.json" };
        var models = new Option<string>("--models") { Description = "Folder of networks, one sub-folder per network with model.onnx and train-summary.json.", DefaultValueFactory = _ => "models" };
        var pipelines = new Option<string>("--pipelines") { Description = "Folder of pipeline configs used by --train.", DefaultValueFactory = _ => "data/pipelines" };
        var maxTrials = new Option<int?>("--max-trials-per-condition") { Description = "Cap every test set at this many trials per condition (quick looks; the claims file's counts otherwise)." };
        var noCards = new Option<bool>("--cards-in-out") { Description = "Write the model cards to OUT/<name>/README.md even for the committed models (default: models/<name>/README.md)." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads of the simulations.", DefaultValueFactory = _ => 1 };
        var assemblies = TaskAssemblies.Option();
        var cmd = new Command("reproduce",
            "Measure the paper's qualitative claims (data/claims/pycog.json) on the committed networks in models/ (or, with --train, on networks " +
            "trained afresh): each network's test set (scaled as the claims file says) is simulated and analysed, every claim is measured " +
            "with a seeded bootstrap confidence interval and judged against its threshold, written before any run. Writes OUT/index.html, " +
            "OUT/claims.parquet and a model card per network (models/<name>/README.md). See docs/reproduce.md.")
        {
            output, select, train, claims, models, pipelines, maxTrials, noCards, threads, assemblies,
        };
        cmd.SetAction(async (parse, cancel) =>
        {
            var request = new ReproduceRequest
            {
                OutDir = parse.GetValue(output)!, ClaimsPath = parse.GetValue(claims)!, ModelsDir = parse.GetValue(models)!,
                PipelinesDir = parse.GetValue(pipelines)!, Train = parse.GetValue(train), MaxTrialsPerCondition = parse.GetValue(maxTrials),
                CardsNextToModels = !parse.GetValue(noCards), Threads = parse.GetValue(threads),
                Select = (parse.GetValue(select) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var run = new ReproduceRun(request, TaskAssemblies.Registry(parse, assemblies), Console.Out);
            string command = "tools/eirnn reproduce " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var outcome = await run.RunAsync(command, cancel);
            var rows = outcome.Networks.SelectMany(n => n.Claims).ToArray();
            Console.WriteLine($"reproduce: {rows.Count(r => r.Verdict == Analysis.Claims.ClaimVerdict.Pass)} of {rows.Length} claims pass, " +
                              $"{rows.Count(r => r.Verdict == Analysis.Claims.ClaimVerdict.Fail)} fail, " +
                              $"{rows.Count(r => r.Verdict == Analysis.Claims.ClaimVerdict.NotMeasurable)} not measurable");
            Console.WriteLine($"  report {outcome.ReportPath}");
            Console.WriteLine($"  table  {outcome.TablePath}");
            foreach (string card in outcome.Cards) Console.WriteLine($"  card   {card}");
            return VerbRunner.Ok;
        });
        return cmd;
    }
}
