using System.Diagnostics;
using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Runs;
using EiRnn.Cli.Pipeline;
using EiRnn.Core.Config;
using EiRnn.Core.Io;
using EiRnn.Core.Progress;
using EiRnn.Data.Manifest;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Runs;
using EiRnn.Simulation.Session;
using EiRnn.Simulation.Sweeps;
using EiRnn.Tasks;
using EiRnn.Training;

namespace EiRnn.Cli.Reproduce;

/// <summary>
/// One network through `reproduce`: its test set simulated (and, when asked, one noise-free run per condition), analysed as `analyze`
/// does (fixed points left out: no claim needs them), then its claims measured (docs/reproduce.md#what-a-run-does).
/// </summary>
internal sealed class NetworkTestRun(ReproduceRequest request, ClaimsFile claims, TaskRegistry tasks, TextWriter log)
{
    /// <summary>Test set of a task that has none in the claims file (no headline claim): 100 trials per condition, z only.</summary>
    private static TestSet DefaultTestSet(string task) =>
        new() { Task = task, PaperTrialsPerCondition = 100, TrialsPerCondition = 100, DtSaveMs = 20 };

    public async Task<NetworkReproduction> RunAsync(string name, string modelPath, string? trainingDir, string? pipelineConfig, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string dir = Path.Combine(request.OutDir, name);
        SafeFile.CreateDirectory(dir);
        var file = ModelReader.Read(modelPath);
        string task = file.Network.Training.Task;
        var declared = claims.TestSetOf(task);
        var testSet = declared ?? DefaultTestSet(task);
        if (request.MaxTrialsPerCondition is int cap && cap < testSet.TrialsPerCondition) testSet = testSet with { TrialsPerCondition = cap };
        var taskOf = TaskAssemblies.ForModel(tasks, modelPath);
        var session = Verbs.SimulationOptions.Session(ComputeDevice.Cpu, request.Threads, strategy: null, verbose: false);

        string dataDir = Path.Combine(dir, "dataset");
        SafeFile.DeleteDirectory(dataDir);
        log.WriteLine($"reproduce: {name}: simulating {testSet.TrialsPerCondition} trials per condition (paper: {testSet.PaperTrialsPerCondition}), dt_save {testSet.DtSaveMs} ms");
        var simulated = await SimulationRun.RunAsync(new SimulateRequest
        {
            ModelPath = modelPath, OutDir = dataDir, TrialsPerCondition = testSet.TrialsPerCondition, DtMs = 0.5f,
            DtSaveMs = (float)testSet.DtSaveMs, SaveRates = testSet.SaveRates, Seed = claims.Seed, Session = session,
        }, taskOf, new Verbs.TrialProgressBar($"{name} simulate"), ct);

        string? quietDir = null;
        if (testSet.NoiseFreeRun)
        {
            quietDir = Path.Combine(dir, "noise-free");
            SafeFile.DeleteDirectory(quietDir);
            log.WriteLine($"reproduce: {name}: one noise-free run per condition (σ_in = σ_rec = 0)");
            string spec = Path.Combine(dir, "noise-free-sweep.json");
            SafeFile.WriteAllText(spec, JsonConfig.Serialize(new SweepSpec
            {
                TrialsPerCondition = 1, Seeds = [(long)claims.Seed], DtMs = 0.5, DtSaveMs = testSet.DtSaveMs, Save = ["z", "r"], IncludeControl = false,
                Perturbations = [new PerturbationSpec { Id = "noise-free", NoiseScale = new NoiseScaleSpec { Recurrent = 0, Input = 0 } }],
            }));
            await SweepRun.RunAsync(new SweepRequest { ModelPath = modelPath, SpecPath = spec, OutDir = quietDir, Session = session }, taskOf, null, ct);
        }

        log.WriteLine($"reproduce: {name}: analysing");
        string analysisDir = Path.Combine(dir, "analysis");
        SafeFile.DeleteDirectory(analysisDir);
        var analysisRequest = AnalysisTaskContext.Complete(new AnalysisRequest
        {
            DataDir = dataDir, OutDir = analysisDir, ModelPath = modelPath, TrainingDir = trainingDir,
            Seed = claims.Seed, BootstrapResamples = claims.BootstrapResamples,
        }, tasks) with { FixedPointInputs = null };
        var analysis = await AnalysisRun.RunAsync(analysisRequest, ct);

        var myClaims = claims.ClaimsOf(task);
        log.WriteLine($"reproduce: {name}: measuring {myClaims.Count} claim(s)");
        var initial = myClaims.Any(c => c.Measure.Kind == MeasureKind.BetweenPoolExcitationChange) ? InitialWeightsRecord.Regenerate(file, tasks) : null;
        var data = await ClaimData.ReadAsync(dataDir, analysis, file.Network, initial, quietDir, ct);
        var results = ClaimEvaluator.Evaluate(name, myClaims, data, claims);
        foreach (var r in results)
            log.WriteLine($"reproduce: {name}: {r.Mark} {r.Claim.Id}: {ClaimText.Value(r)} (threshold {r.Claim.Threshold.Describe()})");

        var training = trainingDir is not null && File.Exists(Path.Combine(trainingDir, TrainingRun.SummaryFile))
            ? JsonConfig.ParseSubset<TrainSummary>(SafeFile.ReadAllText(Path.Combine(trainingDir, TrainingRun.SummaryFile)), TrainingRun.SummaryFile)
            : null;
        return new NetworkReproduction(name, task, modelPath, ModelFileHash.Sha256(modelPath), training, pipelineConfig, testSet, declared is not null,
            simulated.Trials, analysis, analysisDir, results, clock.Elapsed.TotalSeconds);
    }
}
