using EiRnn.Analysis.Report;
using EiRnn.Core.Network;
using EiRnn.Data;
using EiRnn.Data.Manifest;

namespace EiRnn.Analysis.Runs;

/// <summary>The report's model and dataset tables, from the model file when given, else from the dataset and the request's task registry.</summary>
internal static class ReportSummaries
{
    public static ModelSummary Model(AnalysisRequest request, DatasetManifest manifest, TrainedNetwork? model, IReadOnlyList<UnitRow>? units)
    {
        var training = TrainingOutcome.Read(request.TrainingDir);
        if (model is not null)
        {
            var s = model.Spec;
            var t = model.Training;
            return new ModelSummary(request.ModelPath!, manifest.Task, s.N, s.NExc, s.NInh, s.Nin, s.Nout, s.Dale, s.Hidden.ToString(),
                t.TrialsTrained, t.Metric, t.ValidationPerformance, t.Criterion, t.Converged);
        }
        int nInh = units?.Count(u => u.Type == UnitType.Inhibitory) ?? 0;
        int nin = request.TaskInputs ?? 0;
        return new ModelSummary($"(not given; SHA-256 {manifest.ModelSha256[..12]}…)", manifest.Task, manifest.N, manifest.N - nInh, nInh,
            nin, manifest.Nout, nInh > 0, "(needs --model)",
            training?.TrialsTrained, training?.Metric, training?.ValidationPerformance, training?.Criterion, training?.Converged);
    }

    public static DatasetSummary Dataset(string dataDir, DatasetManifest manifest, IReadOnlyList<PerturbationScan> scans, IReadOnlyList<string> perturbations) =>
        new(Path.GetFullPath(dataDir), scans.Sum(s => s.Trials + s.DivergedTrials),
            scans.Select(s => s.Primary?.Conditions.Count ?? 0).DefaultIfEmpty(0).Max(),
            manifest.DtMs, manifest.DtSaveMs, perturbations, string.Join(", ", manifest.Seeds));
}
