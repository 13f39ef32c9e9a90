using EiRnn.Analysis.Runs;
using EiRnn.Core.Random;
using EiRnn.Data.Manifest;
using EiRnn.Tasks;
using EiRnn.Tasks.Contract;

namespace EiRnn.Cli.Pipeline;

/// <summary>
/// What `analyze` needs from the task's code, which the analysis itself never runs (docs/analysis.md#task-capabilities): the
/// capabilities of a manifest older than schema version 3 (from the task registry), the task's input count, and the constant
/// inputs of the fixed-point search (the task rebuilt here, docs/analysis.md#fixed-and-slow-points).
/// </summary>
internal static class AnalysisTaskContext
{
    public static AnalysisRequest Complete(AnalysisRequest request, TaskRegistry tasks)
    {
        if (string.IsNullOrWhiteSpace(request.DataDir) || !File.Exists(Path.Combine(request.DataDir, "manifest.json"))) return request;
        var manifest = ManifestStore.Read(request.DataDir);
        if (!tasks.Names.Contains(manifest.Task)) return request;
        var task = tasks.Create(manifest.Task);
        return request with
        {
            Capabilities = manifest.Capabilities is null ? task.Description.Capabilities : null,
            TaskInputs = task.Description.InputNames.Count,
            FixedPointInputs = EpochInputs.Of(task, (float)manifest.DtMs, RandomStream.Derive(request.Seed, "analysis/fixed-points/epoch-inputs")),
        };
    }
}
