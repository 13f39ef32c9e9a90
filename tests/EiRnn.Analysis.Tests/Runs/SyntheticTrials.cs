using System.Text.Json;
using EiRnn.Data;
using EiRnn.Data.Manifest;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;

namespace EiRnn.Analysis.Tests.Runs;

/// <summary>One hand-made trial: its condition, outcome, periods and (when r is saved) its rates [T_save × N].</summary>
internal sealed record SyntheticTrial(ITrialCondition Condition, TrialOutcome Outcome, IReadOnlyList<Period> Periods, float[]? Rates = null);

/// <summary>Writes any task's hand-made trials (one control partition) with the real dataset writer.</summary>
internal static class SyntheticTrials
{
    public static async Task WriteAsync(string dir, string task, IReadOnlyList<ConditionColumn> columns, IReadOnlyList<string> periodNames,
        IReadOnlyList<SyntheticTrial> trials, double[] sampleTimesMs, int n, bool saveR)
    {
        int tSave = sampleTimesMs.Length;
        var manifest = new DatasetManifest
        {
            ModelSha256 = new string('0', 64), Task = task, DtMs = 0.5, DtSaveMs = sampleTimesMs[0], TSave = tSave, SampleTimesMs = sampleTimesMs,
            Timing = TaskTiming.Test, Seeds = [1], Sweep = null,
            Perturbations = [new PerturbationEntry("control", JsonDocument.Parse("{}").RootElement)],
            ConditionColumns = columns, PeriodNames = periodNames, N = n, Nout = 2, OutputNames = ["out0", "out1"],
            Saved = saveR ? [SavedSeries.Z, SavedSeries.R] : [SavedSeries.Z],
            // As simulate writes them: the task's declared capabilities (docs/datasets.md#task-capabilities).
            Capabilities = Tasks.TaskRegistry.BuiltIn().Create(task).Description.Capabilities,
        };
        await using var writer = DatasetWriter.Open(dir, manifest, ShardId.Single, new DatasetWriterOptions { FlushToDisk = false });
        await using (var unit = await writer.BeginUnitAsync(new WorkUnit(0, "control")))
        {
            const int chunk = 256;
            for (int first = 0; first < trials.Count; first += chunk)
            {
                var part = trials.Skip(first).Take(chunk).ToArray();
                var ids = Enumerable.Range(first, part.Length).Select(i => (long)i).ToArray();
                float[]? r = saveR ? part.SelectMany(t => t.Rates ?? new float[tSave * n]).ToArray() : null;
                await unit.AppendAsync(new TrialChunk(ids, ids, part.Select(t => t.Condition).ToArray(), part.Select(t => t.Outcome).ToArray(),
                    part.Select(t => t.Periods).ToArray(), tSave, 2, n, new float[part.Length * tSave * 2], r));
            }
            await unit.CompleteAsync();
        }
        await writer.CompleteAsync();
    }

    /// <summary>Choice 0 with probability Φ((x − μ)/σ), from an independent CDF implementation (MathNet).</summary>
    public static int Choose(Core.Random.RandomStream rng, double x, double mu, double sigma) =>
        rng.NextDouble() < MathNet.Numerics.Distributions.Normal.CDF(mu, sigma, x) ? 0 : 1;
}
