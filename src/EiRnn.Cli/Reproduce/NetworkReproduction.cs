using EiRnn.Analysis.Claims;
using EiRnn.Analysis.Runs;
using EiRnn.Training;

namespace EiRnn.Cli.Reproduce;

/// <summary>One network's reproduction: where it came from, the test set it ran, the analysis and its claims.</summary>
internal sealed record NetworkReproduction(
    string Name,
    string Task,
    string ModelPath,
    string ModelSha256,
    TrainSummary? Training,
    string? PipelineConfigPath,
    TestSet TestSet,
    bool PaperTestSet,
    long Trials,
    AnalysisResults Analysis,
    string AnalysisDir,
    IReadOnlyList<ClaimResult> Claims,
    double WallSeconds);
