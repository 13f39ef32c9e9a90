using EiRnn.Analysis.Runs;
using EiRnn.Tasks;

namespace EiRnn.Cli.Pipeline;

/// <summary>The pipeline's analyze stage: the `analyze` verb's run on the stage outputs before it.</summary>
internal static class PipelineAnalysis
{
    public static async Task RunAsync(string dataDir, string reportDir, string modelPath, string trainDir, AnalyzeStageConfig settings,
        TaskRegistry tasks, TextWriter log, CancellationToken cancel)
    {
        var result = await AnalysisRun.RunAsync(AnalysisTaskContext.Complete(new AnalysisRequest
        {
            DataDir = dataDir, OutDir = reportDir, ModelPath = modelPath,
            TrainingDir = Directory.Exists(trainDir) ? trainDir : null, Seed = settings.Seed,
            BootstrapResamples = settings.BootstrapResamples,
        }, tasks), cancel);
        foreach (var fit in result.PsychometricFits)
            log.WriteLine($"pipeline: analyze: {fit.Perturbation} {fit.Curve}: mu {fit.Mu:F2} [{fit.MuLo:F2}, {fit.MuHi:F2}], " +
                          $"sigma {fit.Sigma:F2} [{fit.SigmaLo:F2}, {fit.SigmaHi:F2}]");
        log.WriteLine($"pipeline: analyze: {result.Figures.Count} figures, {result.Tables.Count} tables, report {result.ReportPath}");
    }
}
