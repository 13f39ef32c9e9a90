using EiRnn.Data.Tables;
using Parquet;

namespace EiRnn.Cli.Tests;

/// <summary>
/// "Swap the pipeline config for any of the ten tasks": `pipeline` on a tiny config of each built-in task runs
/// train → export → simulate → analyze, and its dataset has one row per test condition and trial.
/// </summary>
[TestClass]
public sealed class PipelineEveryTaskTests
{
    public const int TrialsPerCondition = 2;

    /// <summary>Tiny network, two updates, few trials at a coarse step, few bootstrap resamples: seconds per task.</summary>
    public static string TinyConfig(string task, string outDir) => $$"""
        {
          "out": "{{outDir.Replace("\\", "/")}}",
          "train": { "task": "{{task}}", "seed": 2, "config": { "network": { "type": "rate", "n": 16 }, "max_updates": 2, "validation_trials": 10 } },
          "simulate": { "trials_per_condition": {{TrialsPerCondition}}, "dt_ms": 10, "dt_save_ms": 20 },
          "analyze": { "seed": 1, "bootstrap_resamples": 20 }
        }
        """;

    // Test conditions per task as docs/tasks.md counts them (not read from the task code).
    [TestMethod]
    [DataRow("rdm-fixed", 11, true)]                  // docs/tasks.md#rdm-fixed: 5 coherences × 2 directions, plus coherence 0
    [DataRow("rdm-variable", 11, true)]               // docs/tasks.md#rdm-variable: as rdm-fixed
    [DataRow("rdm-rt", 11, true)]                     // docs/tasks.md#rdm-rt: as rdm-fixed
    [DataRow("mante", 72, true)]                      // docs/tasks.md#mante: 2 contexts × (3 coherences × 2 signs)²
    [DataRow("multisensory", 24, true)]               // docs/tasks.md#multisensory: 3 modalities × 8 rates
    [DataRow("romo", 10, true)]                       // docs/tasks.md#romo: 5 (f1, f2) pairs and the same swapped
    [DataRow("sequence", 8, false)]                   // docs/tasks.md#sequence: 8 sequences; eye position outputs, no choice
    [DataRow("perceptual-discrimination", 8, true)]   // docs/tasks.md#perceptual-discrimination: 4 coherences × 2 directions
    [DataRow("delayed-discrimination", 10, true)]     // docs/tasks.md#delayed-discrimination: the Romo pairs
    [DataRow("match-to-category", 16, true)]          // docs/tasks.md#match-to-category task: 8 test angles per category × 2 categories
    public async Task PipelineRunsEndToEnd(string task, int conditions, bool twoChoices)
    {
        string dir = Directory.CreateTempSubdirectory($"eirnn-every-task-{task}-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "pipeline.json"), outDir = Path.Combine(dir, "out");
            File.WriteAllText(cfg, TinyConfig(task, outDir));
            var r = CliProcess.Run(TimeSpan.FromMinutes(3), "pipeline", cfg);
            Assert.AreEqual(0, r.ExitCode, r.StdOut + r.StdErr);
            StringAssert.Contains(r.StdOut, "ran train, export, simulate, analyze");
            Assert.IsTrue(File.Exists(Path.Combine(outDir, "model.onnx")), "model.onnx missing\n" + r.StdOut);

            string dataset = Path.Combine(outDir, "dataset");
            Assert.IsTrue(File.Exists(Path.Combine(dataset, "_SUCCESS.0-of-1")), "dataset not completed\n" + r.StdOut);
            var trialIds = await TrialIdsAsync(dataset);
            Assert.HasCount(conditions * TrialsPerCondition, trialIds, $"{conditions} test conditions × {TrialsPerCondition} trials");
            Assert.HasCount(trialIds.Count, trialIds.Distinct(), "trial ids are unique");

            string html = File.ReadAllText(Path.Combine(outDir, "report", "index.html"));
            StringAssert.Contains(html, $"EiRnnPipeline analysis: {task}");
            var behaviour = await ResultTableReader.ReadAsync(Path.Combine(outDir, "report", "tables", "behaviour.parquet"));
            var all = Enumerable.Range(0, behaviour.Rows).Where(i => behaviour["curve"].Strings[i] == "all").ToArray();
            // The primary curve holds every simulated trial (no catch trials at test), condition by condition.
            Assert.AreEqual(conditions * TrialsPerCondition, all.Sum(i => behaviour["n"].Ints[i]));
            if (twoChoices)
            {
                StringAssert.Contains(html, "Behaviour per condition");
                Assert.IsTrue(File.Exists(Path.Combine(outDir, "report", "tables", "psychometric_fits.parquet")), "psychometric table missing");
            }
            else
            {
                Assert.AreEqual(conditions, all.Length, "one behaviour row per sequence");
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>The trial column of every trials part file, read with Parquet.Net directly (not the project's reader).</summary>
    internal static async Task<List<long>> TrialIdsAsync(string dataset)
    {
        var ids = new List<long>();
        foreach (var file in Directory.GetFiles(Path.Combine(dataset, "trials"), "*.parquet", SearchOption.AllDirectories))
        {
            Assert.IsFalse(Path.GetFileName(file).StartsWith('.'), "no hidden partial file is left: " + file);
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream);
            var field = reader.Schema.GetDataFields().Single(f => f.Name == "trial");
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var rowGroup = reader.OpenRowGroupReader(g);
                var values = new long[rowGroup.RowCount];
                await rowGroup.ReadAsync<long>(field, values);
                ids.AddRange(values);
            }
        }
        return ids;
    }
}
