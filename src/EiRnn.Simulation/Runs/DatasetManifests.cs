using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
using EiRnn.Onnx.Reading;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Running;
using EiRnn.Tasks.Contract;

namespace EiRnn.Simulation.Runs;

/// <summary>The manifest of a `simulate` or `sweep` dataset (docs/datasets.md): identical for every shard (no wall times, no shard index).</summary>
internal static class DatasetManifests
{
    /// <param name="dtMs">The integration step as given (a sweep spec's double); sample times use it in single precision, as the simulator steps.</param>
    public static DatasetManifest For(string modelPath, ModelFile file, SimulationModel model, ICognitiveTask task, double dtMs, double dtSaveMs,
        SaveGrid grid, TaskTiming timing, bool saveRates, IReadOnlyList<long> seeds, IReadOnlyList<PerturbationEntry> perturbations) => new()
    {
        ModelSha256 = ModelFileHash.Sha256(modelPath),
        Task = task.Description.Name,
        DtMs = dtMs, DtSaveMs = dtSaveMs, TSave = grid.SavedSamples,
        SampleTimesMs = DatasetHorizon.SampleTimes(grid.SavedSamples, grid.Stride, (float)dtMs),
        Timing = timing, Seeds = seeds, Perturbations = perturbations,
        ConditionColumns = task.ConditionColumns, PeriodNames = task.Description.PeriodNames, Capabilities = task.Description.Capabilities,
        N = model.N, Nout = model.Nout, OutputNames = task.Description.OutputNames,
        // z is always saved (scoring and the analyses need it); r only when asked.
        Saved = saveRates ? [SavedSeries.Z, SavedSeries.R] : [SavedSeries.Z],
        SourceUnits = file.Network.Training.Import?.UnitPermutation,
    };
}
