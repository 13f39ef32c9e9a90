using System.Globalization;
using EiRnn.Core.Errors;

namespace EiRnn.Cli.Seeds;

/// <summary>`train --seeds LIST --out DIR` (docs/training.md#seeds): every seed's run into DIR/seed-S, then the seeds report.</summary>
internal static class TrainSeeds
{
    public static async Task<int> RunAsync(SeedRunRequest request, string task, TextWriter log, CancellationToken cancel)
    {
        Directory.CreateDirectory(request.OutDir);
        log.WriteLine($"train --seeds: {request.Seeds.Count} seeds of {task}, at most {request.Parallel} at once, one LibTorch thread each");
        var runs = await SeedRuns.RunAsync(request, log, cancel).ConfigureAwait(false);
        var outcomes = SeedsReport.Write(request.OutDir, task, runs);
        log.WriteLine($"seeds report: {Path.Combine(request.OutDir, SeedsReport.Markdown)}");
        var failed = outcomes.Where(o => o.Run.ExitCode != 0).Select(o => o.Run.Seed.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (failed.Length > 0)
            throw new TrainingException($"train --seeds: the runs of seed(s) {string.Join(", ", failed)} failed; see {SeedRuns.LogFile} in their folders");
        return VerbRunner.Ok;
    }
}
