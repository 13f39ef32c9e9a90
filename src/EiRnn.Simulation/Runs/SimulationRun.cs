using System.Diagnostics;
using System.Text.Json;
using EiRnn.Core.Progress;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
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
        Func<long, ProgressBar>? showProgress, CancellationToken cancel)
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
        int units = (int)TrialBlocks.BlockCount(total, request.TrialsPerUnit);
        var progress = showProgress?.Invoke(total);

        var manifest = new DatasetManifest
        {
            ModelSha256 = ModelFileHash.Sha256(request.ModelPath),
            Task = task.Description.Name,
            DtMs = request.DtMs, DtSaveMs = request.DtSaveMs, TSave = grid.SavedSamples,
            SampleTimesMs = DatasetHorizon.SampleTimes(grid.SavedSamples, grid.Stride, request.DtMs),
            Timing = request.Timing, Seeds = [(long)request.Seed],
            Perturbations = [new PerturbationEntry("control", JsonDocument.Parse("{}").RootElement)],
            ConditionColumns = task.ConditionColumns, PeriodNames = task.Description.PeriodNames, Capabilities = task.Description.Capabilities,
            N = model.N, Nout = model.Nout, OutputNames = task.Description.OutputNames,
            Saved = request.SaveRates ? [SavedSeries.Z, SavedSeries.R] : [SavedSeries.Z],
            SourceUnits = file.Network.Training.Import?.UnitPermutation,
        };
        var settings = new SimulationSettings
        {
            DtMs = request.DtMs, DtSaveMs = request.DtSaveMs, SaveRates = request.SaveRates, NoiseSeed = request.Seed,
            TrialsPerChunk = Math.Min(request.TrialsPerUnit, 500),
        };

        using var session = ModelSession.Open(model, request.Session);
        using var simulator = new TrialSimulator(session, task, settings);
        await using var writer = DatasetWriter.Open(request.OutDir, manifest, ShardId.Single);
        await writer.WriteUnitsAsync(UnitRow.FromSpec(file.Network.Spec), cancel).ConfigureAwait(false);
        progress?.Skip(writer.CompletedUnits.Count(u => u < units) * (long)request.TrialsPerUnit);
        long now = 0; double writeSeconds = 0; int skipped = 0;
        var diverged = new DivergedTrialTally();
        for (int k = 0; k < units; k++)
        {
            if (writer.IsUnitComplete(k)) { skipped++; continue; }
            cancel.ThrowIfCancellationRequested();
            var block = TrialBlocks.Block(task, conditions, total, request.Timing, request.DtMs, request.Seed, request.TrialsPerUnit, k);
            block = block with { Batch = DatasetHorizon.Fit(block.Batch, steps, task.Description.Name) };
            var chunk = simulator.Simulate(block, cancel);
            diverged.Add("control", chunk);
            var w = Stopwatch.StartNew();
            await writer.WriteUnitAsync(new WorkUnit(k, "control"), chunk, cancel).ConfigureAwait(false);
            writeSeconds += w.Elapsed.TotalSeconds;
            now += chunk.Count;
            progress?.Advance(chunk.Count);
            UnitGarbage.Collect();
        }
        await writer.CompleteAsync(cancel).ConfigureAwait(false);
        progress?.Finish();
        double wall = clock.Elapsed.TotalSeconds;
        return new SimulateSummary(request.OutDir, task.Description.Name, total, now, units, skipped,
            wall, now / wall, now * (double)steps * model.N / wall, writeSeconds) { Diverged = diverged.Counts };
    }
}
