using EiRnn.Analysis.Claims;
using EiRnn.Cli.Pipeline;
using EiRnn.Core.Errors;
using EiRnn.Core.Io;
using EiRnn.Data.Tables;
using EiRnn.Onnx.Reading;
using EiRnn.Tasks;

namespace EiRnn.Cli.Reproduce;

/// <summary>What a `reproduce` run wrote.</summary>
internal sealed record ReproduceOutcome(IReadOnlyList<NetworkReproduction> Networks, string ReportPath, string TablePath, IReadOnlyList<string> Cards);

/// <summary>
/// `reproduce` (docs/reproduce.md): for each selected network (committed, or trained afresh with --train from its pipeline config),
/// the scaled test set, the analysis and the claims; then DIR/index.html, DIR/claims.parquet and a model card per network.
/// </summary>
internal sealed class ReproduceRun(ReproduceRequest request, TaskRegistry tasks, TextWriter log)
{
    public async Task<ReproduceOutcome> RunAsync(string command, CancellationToken ct)
    {
        request = request.Validated();
        var claims = ClaimsFile.Load(request.ClaimsPath);
        SafeFile.CreateDirectory(request.OutDir);
        var selected = SelectNetworks();
        log.WriteLine($"reproduce: {selected.Count} network(s): {string.Join(", ", selected.Select(s => s.Name))}");
        var testRun = new NetworkTestRun(request, claims, tasks, log);
        var done = new List<NetworkReproduction>();
        var cards = new List<string>();
        foreach (var (name, folder, task) in selected)
        {
            string? pipeline = PipelineConfigOf(name);
            string modelPath = Path.Combine(folder, "model.onnx"), trainingDir = folder;
            if (request.Train)
            {
                if (pipeline is null) throw new ConfigException("--train", $"no pipeline config {Path.Combine(request.PipelinesDir, name + ".json")} to train {name} from");
                (modelPath, trainingDir) = await TrainAsync(name, pipeline, ct);
            }
            log.WriteLine($"reproduce: [{done.Count + 1}/{selected.Count}] {name} (task {task})");
            var result = await testRun.RunAsync(name, modelPath, trainingDir, pipeline, ct);
            done.Add(result);
            bool nextToModel = request.CardsNextToModels && !request.Train;
            string cardPath = nextToModel ? Path.Combine(folder, "README.md") : Path.Combine(request.OutDir, name, "README.md");
            string link = nextToModel ? "`tools/eirnn reproduce` writes it to `<out>/" + name + "/analysis/index.html`" : "[analysis/index.html](analysis/index.html)";
            cards.Add(ModelCard.Write(cardPath, result, link));
            log.WriteLine($"reproduce: {name}: done in {result.WallSeconds:F0} s; model card {cardPath}");
        }
        var rows = done.SelectMany(n => n.Claims).ToArray();
        string table = await ResultTableWriter.WriteAsync(request.OutDir, ClaimsTable.Build(rows, claims), ct);
        string report = ClaimsReport.Write(request.OutDir, done, claims, command);
        return new ReproduceOutcome(done, report, table, cards);
    }

    /// <summary>Network folders (with model.onnx) in name order, kept when --tasks names the folder or its model's task.</summary>
    private IReadOnlyList<(string Name, string Folder, string Task)> SelectNetworks()
    {
        var all = Directory.GetDirectories(request.ModelsDir).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "model.onnx")))
            .Select(d => (Name: Path.GetFileName(d), Folder: d, Task: ModelReader.Read(Path.Combine(d, "model.onnx")).Network.Training.Task))
            .ToArray();
        if (request.Select.Count == 0) return all;
        var unknown = request.Select.Where(s => !all.Any(n => n.Name == s || n.Task == s)).ToArray();
        if (unknown.Length > 0)
            throw new ConfigException("--tasks", $"no network or task named {string.Join(", ", unknown)} in {request.ModelsDir} (networks: {string.Join(", ", all.Select(n => n.Name))})");
        return all.Where(n => request.Select.Contains(n.Name) || request.Select.Contains(n.Task)).ToArray();
    }

    private string? PipelineConfigOf(string name)
    {
        string path = Path.Combine(request.PipelinesDir, name + ".json");
        return File.Exists(path) ? path : null;
    }

    /// <summary>--train: the network's pipeline config, train and export stages only, into DIR/&lt;name&gt;/pipeline.</summary>
    private async Task<(string Model, string TrainingDir)> TrainAsync(string name, string pipeline, CancellationToken ct)
    {
        var config = PipelineRunner.Load(pipeline) with { Out = Path.Combine(request.OutDir, name, "pipeline") };
        log.WriteLine($"reproduce: {name}: training from {pipeline} into {config.Out}");
        var runner = new PipelineRunner(config, log, tasks);
        await runner.RunAsync(PipelineStage.Train, PipelineStage.Export, ct);
        return (runner.ModelPath, runner.ModelTrainDir);
    }
}
