using System.Diagnostics;
using System.Text.Json;
using EiRnn.Cli.Seeds;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Simulation.Runs;
using EiRnn.Tasks;
using EiRnn.Tasks.Files;
using EiRnn.Training;
using EiRnn.Core.Io;

namespace EiRnn.Cli.Pipeline;

/// <summary>The pipeline's stages in the order they run (`pipeline --from/--to`).</summary>
public enum PipelineStage { Train, Export, Simulate, Analyze }

/// <summary>
/// train → export → simulate → analyze into OUT/{train, model.onnx, dataset, report}. A stage runs only when
/// its settings or input files changed since its last successful run (<see cref="StageCache"/>), or when
/// its outputs are missing; --from/--to restrict which stages may run. <paramref name="tasks"/> holds the
/// built-in tasks and those of --task-assembly; the files of user tasks count as inputs of train and simulate.
/// </summary>
public sealed class PipelineRunner(PipelineConfig config, TextWriter log, TaskRegistry tasks, bool verbose = false)
{
    private readonly string _out = Path.GetFullPath(config.Out);
    private readonly TaskRegistry _tasks = tasks;

    public string TrainDir => Path.Combine(_out, "train");
    /// <summary>The run whose checkpoints/best is exported: <see cref="TrainDir"/>, or with train.seeds its analyzed seed's folder.</summary>
    public string ModelTrainDir => config.Train.ModelSeed() is { } seed ? SeedRuns.SeedDir(TrainDir, seed) : TrainDir;
    public string ModelPath => Path.Combine(_out, "model.onnx");
    public string DatasetDir => Path.Combine(_out, "dataset");
    public string ReportDir => Path.Combine(_out, "report");

    /// <summary>Runs the selected stages; returns the names of those that actually ran.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(PipelineStage from, PipelineStage to, CancellationToken cancel)
    {
        int first = (int)from, last = (int)to;
        if (first > last) throw new ConfigException("--from", $"'{EnumOption.Name(from)}' comes after --to '{EnumOption.Name(to)}'");
        var trainConfig = ResolveTrainConfig();
        if (trainConfig.Architecture == NetworkArch.Lstm && to >= PipelineStage.Simulate)
            throw new ConfigException("train.config.network.type", "is lstm, which simulate and analyze cannot take (they run rate networks); " +
                "run the pipeline with --to export, or use `eirnn train`");
        SafeFile.CreateDirectory(_out);
        var cache = new StageCache(_out);
        var ran = new List<string>();
        var stages = new (string Name, Func<string> Hash, string[] Outputs, Func<Task> Run)[]
        {
            ("train", () => StageCache.Hash(TrainSettings(trainConfig), UserTaskFiles(trainConfig)), TrainOutputs(),
                () => Train(trainConfig, cancel)),
            ("export", () => StageCache.Hash("export-v1", CheckpointFiles()), [ModelPath], Export),
            ("simulate", () => StageCache.Hash(config.Simulate, UserTaskFiles(trainConfig).Append(ModelPath)), [Path.Combine(DatasetDir, "manifest.json")],
                () => Simulate(cancel)),
            ("analyze", () => StageCache.Hash(config.Analyze, DatasetFingerprintFiles().Append(ModelPath)), [Path.Combine(ReportDir, "index.html")],
                () => Analyze(cancel)),
        };
        for (int i = first; i <= last; i++)
        {
            var (name, hashOf, outputs, run) = stages[i];
            string hash = hashOf();
            if (cache.IsFresh(name, hash, outputs))
            {
                log.WriteLine($"pipeline: {name}: unchanged, skipped");
                continue;
            }
            log.WriteLine($"pipeline: {name}: running");
            var clock = Stopwatch.StartNew();
            cache.Invalidate(name);
            await run();
            // Recompute: the stage's own outputs may be the next stage's inputs, never its own.
            cache.Record(name, hashOf());
            ran.Add(name);
            log.WriteLine($"pipeline: {name}: done in {clock.Elapsed.TotalSeconds:F1} s");
        }
        return ran;
    }

    private TrainConfig ResolveTrainConfig()
    {
        var t = config.Train;
        string? json = t.Config?.GetRawText();
        // train.task_file: the file's task (file:<name>); its full path as origin, so the stage cache hashes its content.
        string task = t.TaskFile is { } file ? TaskFiles.Register(_tasks, TaskFiles.ReadText(file), Path.GetFullPath(file)) : t.Task;
        // With train.seeds the config is resolved (and hashed) with the first seed; each seed's run sets its own.
        var resolved = TrainConfigResolver.Resolve(json, task, t.Seeds?[0] ?? t.Seed ?? 1, _tasks, "pipeline train.config");
        return t.MaxWallSeconds > 0 ? resolved with { MaxWallSeconds = t.MaxWallSeconds } : resolved;
    }

    /// <summary>What training depends on: the resolved config, and with train.seeds the seed list (never the analyzed
    /// seed, so that choosing another one re-runs export, simulate and analyze but not training).</summary>
    private object TrainSettings(TrainConfig trainConfig) =>
        config.Train.Seeds is { } seeds ? new PipelineSeedTraining.Settings(trainConfig, seeds) : trainConfig;

    private string[] TrainOutputs() => config.Train.Seeds is { } seeds
        ? [Path.Combine(TrainDir, SeedsReport.Csv), .. seeds.Select(s => Path.Combine(SeedRuns.SeedDir(TrainDir, s), "checkpoints", "best"))]
        : [Path.Combine(TrainDir, TrainingRun.SummaryFile), Path.Combine(TrainDir, "checkpoints", "best")];

    private Task Train(TrainConfig trainConfig, CancellationToken cancel)
    {
        if (config.Train.Seeds is not null)
            return PipelineSeedTraining.RunAsync(config.Train, trainConfig, TrainDir, UserTaskFiles(trainConfig), log, cancel);
        // A changed config makes the old run meaningless: start it afresh.
        SafeFile.DeleteDirectory(TrainDir);
        var run = new TrainingRun(TrainDir, TrainingProgressPrinter.ForConsole(), config.Train.Threads);
        var outcome = run.Run(TrainConfigResolver.Setup(trainConfig, _tasks), resume: false, cancel);
        log.WriteLine($"pipeline: train: {outcome.Summary.Metric} {outcome.Summary.ValidationPerformance:F3} after {outcome.Summary.TrialsTrained:N0} trials, " +
                      $"converged {outcome.Summary.Converged.ToString().ToLowerInvariant()} (stopped by {outcome.Summary.StopReason})");
        return Task.CompletedTask;
    }

    /// <summary>The assemblies of the user tasks a run trains on: rebuilt task code makes training and simulating stale.</summary>
    private IEnumerable<string> UserTaskFiles(TrainConfig trainConfig) =>
        new[] { trainConfig.Task }.Concat(trainConfig.Curriculum?.Stages.Select(s => s.Task ?? trainConfig.Task) ?? [])
            .Select(name => _tasks.Definition(name).Origin)
            .Where(origin => Path.IsPathFullyQualified(origin) && File.Exists(origin))
            .Distinct(StringComparer.Ordinal);

    private IEnumerable<string> CheckpointFiles()
    {
        string best = Path.Combine(ModelTrainDir, "checkpoints", "best");
        return Directory.Exists(best) ? Directory.GetFiles(best) : [];
    }

    private Task Export()
    {
        var network = CheckpointWeights.ToTrainedNetwork(Checkpoint.Read(Path.Combine(ModelTrainDir, "checkpoints", "best")));
        ModelExporter.Save(network, ModelPath);
        return Task.CompletedTask;
    }

    private async Task Simulate(CancellationToken cancel)
    {
        SafeFile.DeleteDirectory(DatasetDir);
        var s = config.Simulate;
        var summary = await SimulationRun.RunAsync(new SimulateRequest
        {
            ModelPath = ModelPath, OutDir = DatasetDir, TrialsPerCondition = s.TrialsPerCondition, DtMs = s.DtMs,
            DtSaveMs = s.DtSaveMs, SaveRates = s.SaveRates, Seed = s.Seed,
            Session = Verbs.SimulationOptions.Session(s.Device, s.Threads, s.Strategy, verbose),
        }, TaskAssemblies.ForModel(_tasks, ModelPath), new Verbs.TrialProgressBar("simulate"), cancel);
        log.WriteLine($"pipeline: simulate: {summary.Trials:N0} trials at {summary.TrialsPerSecond:N0} trials/s");
        log.WriteLine($"pipeline: simulate: {DivergedTrialTally.Format(summary.Diverged)}");
    }

    private IEnumerable<string> DatasetFingerprintFiles()
    {
        if (!Directory.Exists(DatasetDir)) return [];
        return Directory.GetFiles(DatasetDir, "manifest.json").Concat(Directory.GetFiles(DatasetDir, "_SUCCESS.*"));
    }

    private Task Analyze(CancellationToken cancel)
    {
        SafeFile.DeleteDirectory(ReportDir);
        return PipelineAnalysis.RunAsync(DatasetDir, ReportDir, ModelPath, ModelTrainDir, config.Analyze, _tasks, log, cancel);
    }

    public static PipelineConfig Load(string? path) =>
        path is null ? PipelineConfig.BuiltIn : JsonConfig.Load<PipelineConfig>(path, c => c.Validated());

    internal static string Describe(PipelineConfig c) => JsonSerializer.Serialize(c, JsonConfig.Options);
}
