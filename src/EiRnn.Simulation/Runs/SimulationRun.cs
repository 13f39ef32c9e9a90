using System.Diagnostics;
using System.Text.Json;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Session;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Runs;

/// <summary>
/// `simulate`: each test condition × K trials through the ONNX model into a dataset with one perturbation
/// partition, "control". Work units are blocks of interleaved trials; a unit already on disk is skipped, so
/// an interrupted run resumes where it stopped and produces the same rows.
/// </summary>
public static class SimulationRun
{
    public static async Task<SimulateSummary> RunAsync(SimulateRequest request, Func<string, ICognitiveTask> tasks,
        IProgress<TrialProgress>? progress, CancellationToken cancel)
    {
        request = request.Validated();
        var clock = Stopwatch.StartNew();
        var file = ModelReader.Read(request.ModelPath);          // read, parsed and validated once
        ModelDt.Check(file, request.DtMs, "dt");
        var model = SimulationModel.From(file, request.ModelPath);
        var task = tasks(request.Task ?? file.Network.Training.Task);
        var conditions = task.TestConditions;
        int steps = DatasetHorizon.Steps(task, conditions, request.Timing, request.DtMs);
        var grid = SaveGrid.For(request.DtMs, request.DtSaveMs, steps);
        long total = (long)conditions.Count * request.TrialsPerCondition;
        var units = Enumerable.Range(0, (int)TrialBlocks.BlockCount(total, request.TrialsPerUnit))
            .Select(k => new DatasetUnit(k, Control, (int)Math.Min(request.TrialsPerUnit, total - (long)k * request.TrialsPerUnit))).ToArray();
        var manifest = DatasetManifests.For(request.ModelPath, file, model, task, request.DtMs, request.DtSaveMs, grid, request.Timing, request.SaveRates,
            [(long)request.Seed], [new PerturbationEntry(Control, JsonDocument.Parse("{}").RootElement)]);
        var settings = new SimulationSettings
        {
            DtMs = request.DtMs, DtSaveMs = request.DtSaveMs, SaveRates = request.SaveRates, NoiseSeed = request.Seed,
            TrialsPerChunk = Math.Min(request.TrialsPerUnit, 500),
        };

        using var session = ModelSession.Open(model, request.Session);
        using var simulator = new TrialSimulator(session, task, settings);
        var done = await DatasetUnits.RunAsync(request.OutDir, manifest, ShardId.Single, file.Network.Spec, units, (unit, ct) =>
        {
            var block = TrialBlocks.Block(task, conditions, total, request.Timing, request.DtMs, request.Seed, request.TrialsPerUnit, unit.Index);
            return simulator.Simulate(block with { Batch = DatasetHorizon.Fit(block.Batch, steps, task.Description.Name) }, ct);
        }, progress, cancel).ConfigureAwait(false);
        double wall = clock.Elapsed.TotalSeconds;
        long now = done.TrialsSimulated;
        return new SimulateSummary(request.OutDir, task.Description.Name, total, now, units.Length, done.UnitsSkipped,
            wall, now / wall, now * (double)steps * model.N / wall, done.WriteSeconds) { Diverged = done.Diverged };
    }

    /// <summary>The one perturbation partition of a `simulate` dataset.</summary>
    private const string Control = "control";
}
