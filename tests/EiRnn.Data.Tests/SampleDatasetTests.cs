using System.Text.Json;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Data.Manifest;
using EiRnn.Data.Reading;
using EiRnn.Data.Writing;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Data.Tests;

/// <summary>
/// Writes an rdm-fixed-shaped dataset (real task conditions and periods, made-up behaviour) with two shards and
/// two perturbations, as tools/dataset-check opens it. Set EIRNN_SAMPLE_DATASET=DIR to keep it in DIR.
/// </summary>
[TestClass]
public sealed class SampleDatasetTests
{
    private const int TrialsPerCondition = 10, TSave = 150, N = 8;

    [TestMethod]
    public async Task RdmShapedShardedDatasetReadsBack()
    {
        string? keep = Environment.GetEnvironmentVariable("EIRNN_SAMPLE_DATASET");
        using var temp = new TempFolder();
        string root = string.IsNullOrEmpty(keep) ? temp.Path : keep;
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            Assert.Fail($"{root} is not empty");
        var task = new RdmFixedTask();
        var manifest = Manifest(task);
        // Units: unit u = perturbation (u % 2) x condition block; shard s of 2 takes units with u % 2 == s.
        string[] perturbations = ["control", "lesion-inh"];
        for (int shard = 0; shard < 2; shard++)
        {
            await using var writer = DatasetWriter.Open(root, manifest, new ShardId(shard, 2));
            for (int u = shard; u < 4; u += 2)
            {
                string p = perturbations[u / 2];
                await using var unit = await writer.BeginUnitAsync(new WorkUnit(u, p));
                await unit.AppendAsync(Block(task, u, lesioned: p != "control"));
                await unit.CompleteAsync();
            }
            await writer.WriteUnitsAsync(Enumerable.Range(0, N)
                .Select(i => new UnitRow(i, i < 6 ? UnitType.Excitatory : UnitType.Inhibitory, "all", "", 100)).ToArray());
            await writer.CompleteAsync();
        }

        var reader = DatasetReader.Open(root);
        Assert.IsTrue(reader.Status().IsComplete);
        int perUnit = task.TestConditions.Count * TrialsPerCondition / 2;
        foreach (string p in perturbations)
        {
            var rows = await reader.ReadTrialsAsync(p).ToListAsync();
            Assert.HasCount(2 * perUnit, rows);
            foreach (var r in rows)
            {
                int code = r.Conditions.Int32("coherence_code")!.Value;
                int dir = r.Conditions.Int32("direction")!.Value;
                Assert.AreEqual(dir * 3.2 * code, r.Conditions.Double("coherence")!.Value, 1e-9);
                bool? expected = code == 0 || r.Outcome.Choice is null ? null : r.Outcome.Choice == (dir > 0 ? 0 : 1);
                Assert.AreEqual(expected, r.Outcome.Correct);
                CollectionAssert.AreEqual(new[] { "fixation", "stimulus", "decision" }, r.Periods.Select(x => x.Name).ToArray());
            }
        }
    }

    private static DatasetManifest Manifest(RdmFixedTask task) => new()
    {
        ModelSha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        Task = task.Description.Name,
        DtMs = 0.5,
        DtSaveMs = 10,
        TSave = TSave,
        SampleTimesMs = Enumerable.Range(1, TSave).Select(k => 10.0 * k).ToArray(),
        Timing = TaskTiming.Test,
        Seeds = [42],
        Sweep = JsonDocument.Parse("{\"perturbations\": [\"control\", \"lesion-inh\"], \"trials_per_condition\": 10}").RootElement,
        Perturbations =
        [
            new PerturbationEntry("control", JsonDocument.Parse("{}").RootElement),
            new PerturbationEntry("lesion-inh", JsonDocument.Parse("{\"kind\": \"lesion\", \"population\": \"inh\", \"window\": \"stimulus\"}").RootElement),
        ],
        ConditionColumns = task.ConditionColumns,
        PeriodNames = task.Description.PeriodNames,
        N = N,
        Nout = 2,
        OutputNames = task.Description.OutputNames,
        Saved = [SavedSeries.Z, SavedSeries.R],
    };

    /// <summary>Half of the test conditions x 10 trials, with a made-up psychometric choice (shallower when lesioned).</summary>
    private static TrialChunk Block(RdmFixedTask task, int unit, bool lesioned)
    {
        var rng = RandomStream.Derive(42, $"sample-unit-{unit}");
        var conds = task.TestConditions.Where((_, i) => i % 2 == unit % 2)
            .SelectMany(c => Enumerable.Repeat(c, TrialsPerCondition)).ToArray();
        var batch = task.Forced(conds, TaskTiming.Test, 10f, rng);
        int b = conds.Length;
        var trial = Enumerable.Range(0, b).Select(i => unit * 10_000L + i).ToArray();
        var outcomes = new TrialOutcome[b];
        var z = new float[b * TSave * 2];
        var r = new float[b * TSave * N];
        for (int i = 0; i < b; i++)
        {
            // The batch's conditions: Forced draws the direction label of coherence-0 trials.
            var c = (RdmCondition)batch.Conditions[i];
            double p0 = 1 / (1 + Math.Exp(-c.SignedCoherence / (lesioned ? 25.0 : 8.0)));
            int? choice = rng.Bernoulli(0.03) ? null : (rng.Bernoulli(p0) ? 0 : 1);
            bool? correct = choice is null || c.CorrectChoice is null ? null : choice == c.CorrectChoice;
            double? rt = choice is null ? null : 300 + 400 * Math.Exp(-Math.Abs(c.SignedCoherence) / 20) + rng.Normal(0, 20);
            outcomes[i] = new TrialOutcome(choice, correct, rt);
            for (int t = 0; t < TSave; t++)
            {
                float ramp = (float)Math.Tanh(t / 60.0);
                z[(i * TSave + t) * 2 + 0] = ramp * (choice == 0 ? 1f : 0.2f);
                z[(i * TSave + t) * 2 + 1] = ramp * (choice == 1 ? 1f : 0.2f);
                for (int u = 0; u < N; u++) r[(i * TSave + t) * N + u] = ramp * (u + 1) / N;
            }
        }
        return new TrialChunk(trial, trial.Select(t => 42_000_000 + t).ToArray(), batch.Conditions, outcomes, batch.Periods, TSave, 2, N, z, r);
    }
}
