using System.Diagnostics;
using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Random;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Simulation.Sweeps;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Runs;

/// <summary>
/// `sweep`: one shard of a perturbation sweep into a shared dataset folder (docs/sweeps.md#perturbations,
/// "Scaling out"). The spec is validated and expanded into its work units before any trial runs; each
/// unit is one block of trials of one condition under one perturbation and seed. Trial timings and noise
/// depend on (seed, condition, repetition) only, so every perturbation sees exactly the control's trials
/// and noise. Units already on disk are skipped, so a killed shard resumes with the same rows.
/// </summary>
public static class SweepRun
{
    /// <summary>The sweep's model, task and plan, validated (no trial is simulated).</summary>
    public sealed record Prepared(ModelFile File, SimulationModel Model, ICognitiveTask Task, SweepPlan Plan, int Steps, SaveGrid Grid)
    {
        /// <summary>Set when the spec had no dt_ms and the model's own dt was taken (an imported model).</summary>
        public string? DtNote { get; init; }
    }

    public static Prepared Prepare(SweepRequest request, Func<string, ICognitiveTask> tasks)
    {
        request = request.Validated();
        var spec = JsonConfig.Load<SweepSpec>(request.SpecPath);
        var file = ModelReader.Read(request.ModelPath);
        (spec, string? dtNote) = ModelDt.ForSweep(spec, request.SpecPath, file);
        var model = SimulationModel.From(file, request.ModelPath);
        string taskName = spec.Task ?? file.Network.Training.Task;
        var task = tasks(taskName);
        if (task.Description.InputNames.Count != model.Nin || task.Description.OutputNames.Count != model.Nout)
            throw new ConfigException("task", $"'{taskName}' has {task.Description.InputNames.Count} inputs / {task.Description.OutputNames.Count} outputs " +
                                              $"but the model has Nin = {model.Nin} / Nout = {model.Nout}");
        // The plan checks the spec's ranges; its messages name the spec file like the parser's do.
        SweepPlan plan;
        try { plan = SweepPlan.Create(spec, file.Network.Spec, task); }
        catch (ConfigException e) { throw e.WithFile(request.SpecPath); }
        float dt = (float)spec.DtMs;
        int steps = DatasetHorizon.Steps(task, plan.Conditions, spec.Timing, dt);
        return new Prepared(file, model, task, plan, steps, SaveGrid.For(dt, (float)spec.DtSaveMs, steps)) { DtNote = dtNote };
    }

    public static async Task<SweepSummary> RunAsync(SweepRequest request, Func<string, ICognitiveTask> tasks,
        IProgress<TrialProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var prepared = Prepare(request, tasks);
        var (file, model, task, plan, steps, _) = prepared;
        var spec = plan.Spec;
        var mine = plan.UnitsOf(request.Shard).ToArray();
        var byIndex = mine.ToDictionary(u => u.Index);
        var units = mine.Select(u => new DatasetUnit(u.Index, plan.Perturbations[u.PerturbationIndex].Id, u.Count)).ToArray();
        var settings = new SimulationSettings
        {
            DtMs = (float)spec.DtMs, DtSaveMs = (float)spec.DtSaveMs, SaveRates = spec.Save.Contains("r"), NoiseSeed = 0,
            TrialsPerChunk = Math.Min(spec.TrialsPerUnit, 500),
        };

        using var simulators = new VariantSimulators(file.Network, model, task, settings, request.Session);
        var done = await DatasetUnits.RunAsync(request.OutDir, Manifest(request.ModelPath, prepared), new ShardId(request.Shard.Index, request.Shard.Count),
            file.Network.Spec, units, (unit, ct) =>
            {
                var sweepUnit = byIndex[unit.Index];
                return simulators.For(plan.Perturbations[sweepUnit.PerturbationIndex]).Simulate(Block(prepared, sweepUnit, simulators.Feeds), ct);
            }, progress, cancel).ConfigureAwait(false);
        double wall = clock.Elapsed.TotalSeconds;
        long now = done.TrialsSimulated;
        return new SweepSummary(request.OutDir, task.Description.Name, request.Shard, plan.Perturbations.Count, units.Sum(u => (long)u.Trials),
            now, units.Length, done.UnitsSkipped, wall, now / wall, now * (double)steps * model.N / wall, done.WriteSeconds) { Diverged = done.Diverged };
    }

    /// <summary>
    /// The trials of one work unit: its condition repeated, timings from a stream of (seed, condition, first
    /// repetition), padded to the dataset horizon; noise ids from <see cref="Sweeps.WorkUnit.NoiseSeed"/>.
    /// </summary>
    public static TrialBlock Block(Prepared prepared, Sweeps.WorkUnit unit, PerturbationFeeds feeds)
    {
        var spec = prepared.Plan.Spec;
        var condition = prepared.Plan.Conditions[unit.ConditionIndex];
        var rng = RandomStream.Derive((ulong)unit.Seed, $"sweep/trials/{unit.ConditionIndex}/{unit.FirstRepetition}");
        var batch = prepared.Task.Forced(Enumerable.Repeat(condition, unit.Count).ToArray(), spec.Timing, (float)spec.DtMs, rng);
        batch = DatasetHorizon.Fit(batch, prepared.Steps, prepared.Task.Description.Name);
        return new TrialBlock(unit.FirstTrialId, batch)
        {
            NoiseIds = Enumerable.Range(0, unit.Count).Select(unit.NoiseSeed).ToArray(),
            Ports = feeds.For(prepared.Plan.Perturbations[unit.PerturbationIndex], batch),
        };
    }

    /// <summary>The dataset manifest: identical for every shard (no wall times, no shard index).</summary>
    public static DatasetManifest Manifest(string modelPath, Prepared prepared)
    {
        var spec = prepared.Plan.Spec;
        return DatasetManifests.For(modelPath, prepared.File, prepared.Model, prepared.Task, spec.DtMs, spec.DtSaveMs, prepared.Grid, spec.Timing,
            spec.Save.Contains("r"), spec.Seeds, prepared.Plan.Perturbations.Select(p => new PerturbationEntry(p.Id, PerturbationParameters.Of(p, prepared.File.Network.Spec))).ToArray())
            with { Sweep = JsonSerializer.SerializeToElement(spec, JsonConfig.Options) };
    }
}
