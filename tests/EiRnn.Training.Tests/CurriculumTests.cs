using System.Text.Json;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Curricula;
using EiRnn.Tasks.Library;

namespace EiRnn.Training.Tests;

/// <summary>Curriculum learning in the trainer (docs/training.md#curriculum-learning).</summary>
[TestClass]
public sealed class CurriculumTests
{
    private const int Batch = 4;

    /// <summary>rdm-fixed whose metric reports a scripted sequence of values (one per evaluation), so the
    /// test knows exactly when each stage must pass; everything else is the real task.</summary>
    private sealed class ScriptedMetricTask(params double[] values) : ICognitiveTask
    {
        private readonly RdmFixedTask _task = new();
        private int _next;
        public int TrainingBatches { get; private set; }
        public TaskDescription Description => _task.Description;
        public IReadOnlyList<ConditionColumn> ConditionColumns => _task.ConditionColumns;
        public IReadOnlyList<ITrialCondition> TestConditions => _task.TestConditions;
        public TrialBatch TrainingBatch(int batchSize, float dtMs, RandomStream rng) { TrainingBatches++; return _task.TrainingBatch(batchSize, dtMs, rng); }
        public TrialBatch ValidationBatch(int count, float dtMs, RandomStream rng) => _task.ValidationBatch(count, dtMs, rng);
        public TrialBatch Forced(IReadOnlyList<ITrialCondition> c, TaskTiming t, float dtMs, RandomStream rng) => _task.Forced(c, t, dtMs, rng);
        public TrialOutcome[] Score(TrialBatch batch, ReadOnlySpan<float> z) => _task.Score(batch, z);
        public double Performance(TrialBatch batch, ReadOnlySpan<float> z) => values[_next++];
    }

    private static TrainConfig Config() => TinyNetworks.Pycog(n: 10, batch: Batch) with { ValidationEvery = 1000, MaxUpdates = 1000 };

    /// <summary>Stage 0 (threshold 0.9) sees 0.5, 0.89, 0.9; stage 1 (0.8) sees 0.79, 0.8; metric every 2 batches.</summary>
    private static (TrainingSetup Setup, ScriptedMetricTask First, ScriptedMetricTask Second) Scripted(AfterLastStage after = AfterLastStage.Stop)
    {
        var first = new ScriptedMetricTask(0.5, 0.89, 0.9);
        var second = new ScriptedMetricTask(0.79, 0.8);
        var curriculum = new Curriculum([
            new CurriculumStage("easy", first, TaskMetric.PercentCorrect, 0.9),
            new CurriculumStage("hard", second, TaskMetric.PercentCorrect, 0.8)], metricEveryBatches: 2, after);
        return (new TrainingSetup(Config(), TinyNetworks.Task, curriculum), first, second);
    }

    [TestMethod]
    public void AdvancesExactlyWhenTheMetricReachesTheThreshold()
    {
        var (setup, first, second) = Scripted();
        using var t = Trainer.Start(setup);
        // Expected stage after each update: evaluations at updates 2, 4, 6 (stage 0 passes at 0.9 = threshold),
        // then 8, 10 (stage 1 passes at 0.8 = threshold).
        int[] stageAfter = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
        for (int u = 1; u <= 10; u++)
        {
            var report = t.Step();
            Assert.AreEqual(stageAfter[u - 1], t.CurriculumStage, $"stage after update {u}");
            Assert.AreEqual(u % 2 == 0, report.Evaluation is not null, $"metric evaluated after update {u}");
        }
        Assert.IsTrue(t.CurriculumCompleted);
        // Training batches: 6 from stage 0 (+3 metric batches), 4 from stage 1 (+2 metric batches).
        Assert.AreEqual((6 + 3, 4 + 2), (first.TrainingBatches, second.TrainingBatches));
        CollectionAssert.AreEqual(new[] { 0.5, 0.89, 0.9, 0.79, 0.8 }, t.CurriculumEvaluations.Select(e => e.Value).ToArray());
        CollectionAssert.AreEqual(new[] { false, false, true, false, true }, t.CurriculumEvaluations.Select(e => e.Passed).ToArray());
        var (s0, s1) = (t.StageRecords[0], t.StageRecords[1]);
        Assert.AreEqual((0L, 6L, 6L * Batch, 0.9, 3), (s0.TrialsAtEntry, s0.UpdatesAtPass!.Value, s0.TrialsAtPass!.Value, s0.ValueAtPass!.Value, s0.Evaluations));
        Assert.AreEqual((6L * Batch, 10L * Batch, 0.8, 2), (s1.TrialsAtEntry, s1.TrialsAtPass!.Value, s1.ValueAtPass!.Value, s1.Evaluations));
        // After the curriculum the run's own task supplies the batches.
        Assert.AreSame(TinyNetworks.Task, t.TrainingTask);
    }

    [TestMethod]
    public void SummaryAndLearningCurveRecordTheStagesAndTrainingStopsAfterTheLast()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-curriculum-").FullName;
        try
        {
            var (setup, _, _) = Scripted();
            var outcome = new TrainingRun(dir).Run(setup, resume: false, CancellationToken.None);
            Assert.AreEqual(("curriculum", true, 10L * Batch), (outcome.Summary.StopReason, outcome.Summary.Converged, outcome.Summary.TrialsTrained));

            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, TrainingRun.SummaryFile)));
            var c = summary.RootElement.GetProperty("curriculum");
            Assert.IsTrue(c.GetProperty("completed").GetBoolean());
            Assert.AreEqual(40, c.GetProperty("trials_to_complete").GetInt64());
            var stages = c.GetProperty("stages").EnumerateArray().ToArray();
            Assert.HasCount(2, stages);
            Assert.AreEqual(("easy", 0L, 24L, 0.9), (stages[0].GetProperty("name").GetString(), stages[0].GetProperty("trials_at_entry").GetInt64(),
                stages[0].GetProperty("trials_at_pass").GetInt64(), stages[0].GetProperty("value_at_pass").GetDouble()));
            Assert.AreEqual(("hard", 24L, 40L, 0.8), (stages[1].GetProperty("name").GetString(), stages[1].GetProperty("trials_at_entry").GetInt64(),
                stages[1].GetProperty("trials_at_pass").GetInt64(), stages[1].GetProperty("value_at_pass").GetDouble()));

            // Validations: before the first update (stage 0) and right after the last stage passed (stage 2 = done).
            var curve = File.ReadAllLines(Path.Combine(dir, TrainingRun.CurveFile));
            Assert.AreEqual(LearningCurveFile.Header, curve[0]);
            CollectionAssert.AreEqual(new[] { "0:0", "40:2" }, curve.Skip(1).Select(l => l.Split(',')).Select(f => $"{f[0]}:{f[5]}").ToArray());
            var log = File.ReadAllLines(Path.Combine(dir, TrainingRun.CurriculumFile));
            CollectionAssert.AreEqual(new[] { "8,2,0,0.5,false", "16,4,0,0.89,false", "24,6,0,0.9,true", "32,8,1,0.79,false", "40,10,1,0.8,true" },
                log.Skip(1).ToArray());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestMethod]
    public void ContinueAfterTheLastStageTrainsTheRunTaskToItsOwnStoppingRule()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-curriculum-").FullName;
        try
        {
            var (setup, _, _) = Scripted(AfterLastStage.Continue);
            setup = setup with { Config = setup.Config with { MaxUpdates = 13 } };
            var outcome = new TrainingRun(dir).Run(setup, resume: false, CancellationToken.None);
            Assert.AreEqual(("max_updates", 13L), (outcome.Summary.StopReason, outcome.Summary.Updates));
            Assert.IsTrue(outcome.Summary.Curriculum!.Completed);
            Assert.AreEqual(40L, outcome.Summary.Curriculum.TrialsToComplete);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>perceptual-discrimination, psychrnn recipe, 10 units, dt 100 ms (20 steps per trial).</summary>
    private static TrainingSetup RealStages()
    {
        var target = new PerceptualDiscriminationTask([0.1]);
        var config = TrainConfigResolver.Defaults(target.Description, Preset.Psychrnn) with
        {
            Task = target.Description.Name, Network = new RateNetworkConfig { N = 10 }, DtMs = 100, BatchSize = Batch, ValidationTrials = 4, ValidationEvery = 5, Seed = 7,
        };
        // Stage 0 passes at its first evaluation (threshold 0); stage 1 asks for RMSE 0, which no network reaches.
        var curriculum = new Curriculum([
            new CurriculumStage("coherence 0.7", new PerceptualDiscriminationTask([0.7]), TaskMetric.Accuracy, 0.0),
            new CurriculumStage("coherence 0.1", new PerceptualDiscriminationTask([0.1]), TaskMetric.Rmse, 0.0)], metricEveryBatches: 3);
        return new TrainingSetup(config, target, curriculum);
    }

    [TestMethod]
    public void ResumingMidCurriculumContinuesTheSameStageAndEqualsAnUninterruptedRun()
    {
        string dir = Directory.CreateTempSubdirectory("eirnn-curriculum-resume-").FullName;
        try
        {
            var setup = RealStages();
            using (var first = Trainer.Start(setup))
            {
                TinyNetworks.Advance(first, 10);
                Assert.AreEqual(1, first.CurriculumStage, "stage 0 passed at update 3");
                first.CreateCheckpoint(best: false, false, 0).Write(Path.Combine(dir, "last"));
                first.CreateCheckpoint(best: true, false, 0).Write(Path.Combine(dir, "best"));
            }
            using var resumed = Trainer.Resume(RealStages(), Checkpoint.Read(Path.Combine(dir, "last")), Checkpoint.Read(Path.Combine(dir, "best")));
            Assert.AreEqual(1, resumed.CurriculumStage);
            Assert.AreSame(resumed.Curriculum!.Stages[1].Task, resumed.TrainingTask);
            TinyNetworks.Advance(resumed, 20);
            using var straight = Trainer.Start(RealStages());
            TinyNetworks.Advance(straight, 30);

            var (a, b) = (straight.CreateCheckpoint(false, false, 0), resumed.CreateCheckpoint(false, false, 0));
            foreach (var (name, array) in a.Arrays)
                CollectionAssert.AreEqual(array.Data, b.Arrays[name].Data, $"{name} differs after resuming");
            CollectionAssert.AreEqual(a.Header.Validations.ToArray(), b.Header.Validations.ToArray());
            CollectionAssert.AreEqual(a.Header.Curriculum!.Evaluations.ToArray(), b.Header.Curriculum!.Evaluations.ToArray());
            CollectionAssert.AreEqual(a.Header.Curriculum.Stages.ToArray(), b.Header.Curriculum.Stages.ToArray());
            Assert.AreEqual(10, a.Header.Curriculum.Evaluations.Count, "one evaluation every 3 of 30 updates");
            Assert.AreEqual(1, a.Header.Validations[^1].Stage);

            // The comparison can fail: training the same 20 updates in stage 0's task (coherence 0.7) differs.
            using var wrongStage = Trainer.Start(setup with { Curriculum = new Curriculum([setup.Curriculum!.Stages[0] with { Metric = TaskMetric.Rmse, Threshold = 0.0 }], 3) });
            TinyNetworks.Advance(wrongStage, 30);
            CollectionAssert.AreNotEqual(a.Array(CheckpointArrayNames.WRecPlastic), wrongStage.CreateCheckpoint(false, false, 0).Array(CheckpointArrayNames.WRecPlastic));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
