using System.Diagnostics;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Model;
using EiRnn.Core.Io;

namespace EiRnn.Training;

/// <summary>What a finished run hands to the rest of the pipeline (the CLI exports <see cref="Network"/>).</summary>
public sealed record TrainingOutcome(TrainSummary Summary, TrainedNetwork Network);

/// <summary>
/// The training loop of docs/training.md#validation-stopping-and-model-selection with its files (docs/training.md#outputs-of-a-run): validation before the first update and every
/// checkfreq updates, checkpoints/best on each new lowest validation cost, checkpoints/last at each validation,
/// at the end and on cancellation, learning-curve.csv as it goes, train-summary.json at the end.
/// <para>With a curriculum (docs/training.md#curriculum-learning) the batches come from the current stage and its metric is evaluated
/// every metric_every_batches updates (curriculum.csv records each evaluation). Validation always uses the
/// run's task, so costs stay comparable across stages and the kept network is the best one on that task.
/// While stages remain, the run's own criterion is not checked (the other limits are). Passing the last stage
/// validates once more and then stops (converged: every stage passed), or with after_last_stage: continue
/// trains on the run's task until its own stopping rule fires.</para>
/// </summary>
public sealed class TrainingRun
{
    public const string SummaryFile = "train-summary.json", CurveFile = "learning-curve.csv", CurriculumFile = "curriculum.csv";
    private readonly string _out;
    private readonly IProgress<TrainingEvent>? _progress;
    private readonly int _threads;

    public TrainingRun(string outDir, IProgress<TrainingEvent>? progress = null, int threads = 1)
    {
        _out = Path.GetFullPath(outDir);
        _progress = progress;
        _threads = threads;
    }

    public string LastCheckpoint => Path.Combine(_out, "checkpoints", "last");
    public string BestCheckpoint => Path.Combine(_out, "checkpoints", "best");

    /// <summary>Trains (or, with <paramref name="resume"/>, continues) until the stopping rule fires.</summary>
    public TrainingOutcome Run(TrainingSetup setup, bool resume, CancellationToken cancel)
    {
        // Every host (train, pipeline, tools) trains with the same LibTorch set-up: thread count and the
        // allocator thresholds without which the Omega step is ~20x slower (see TorchRuntime).
        TorchRuntime.Configure(_threads);
        var config = setup.Config;
        SafeFile.CreateDirectory(_out);
        if (!resume && Checkpoint.Exists(LastCheckpoint))
            throw new ConfigException("out", $"{_out} already holds a training run; pass --resume to continue it or choose another --out");
        if (resume && !Checkpoint.Exists(LastCheckpoint))
            throw new ConfigException("resume", $"{LastCheckpoint} does not exist; nothing to resume");
        using var trainer = resume
            ? Trainer.Resume(setup, Checkpoint.Read(LastCheckpoint), Checkpoint.Exists(BestCheckpoint) ? Checkpoint.Read(BestCheckpoint) : null)
            : Trainer.Start(setup);
        var clock = Stopwatch.StartNew();
        var curve = new LearningCurveFile(Path.Combine(_out, CurveFile), trainer.Validations);
        var stageLog = trainer.Curriculum is null ? null : new CurriculumLogFile(Path.Combine(_out, CurriculumFile), trainer.CurriculumEvaluations);
        var criterion = setup.Task.Description.Criterion;
        bool stopAfterCurriculum = trainer.Curriculum?.AfterLastStage == AfterLastStage.Stop;

        void Validate()
        {
            var (record, isBest) = trainer.Validate();
            if (double.IsNaN(record.Cost))
                throw new TrainingException($"validation cost is NaN at update {trainer.Updates}; training diverged (checkpoints/last holds the state before)");
            curve.Append(record);
            if (isBest) trainer.CreateCheckpoint(best: true, false, clock.Elapsed.TotalSeconds).Write(BestCheckpoint);
            trainer.CreateCheckpoint(best: false, false, clock.Elapsed.TotalSeconds).Write(LastCheckpoint);
            _progress?.Report(new ValidationDone(record, isBest));
        }

        bool OutOfTime() => config.MaxWallSeconds > 0 && trainer.WallSecondsBefore + clock.Elapsed.TotalSeconds >= config.MaxWallSeconds;
        bool AtLimit() => trainer.Updates >= config.MaxUpdates || (config.MaxTrials > 0 && trainer.Trials >= config.MaxTrials) || OutOfTime();
        bool CurriculumDone() => stopAfterCurriculum && trainer.CurriculumCompleted;

        string? Stop()
        {
            if (CurriculumDone()) return "curriculum";
            if (!trainer.InCurriculum && criterion.IsMet(trainer.Validations.Select(v => v.Performance).ToArray())) return "criterion";
            if (trainer.BestUpdates >= 0 && trainer.Updates - trainer.BestUpdates >= (long)config.PatienceValidations * trainer.ValidationEvery) return "patience";
            if (trainer.Updates >= config.MaxUpdates) return "max_updates";
            if (config.MaxTrials > 0 && trainer.Trials >= config.MaxTrials) return "max_trials";
            if (OutOfTime()) return "max_wall_seconds";
            return null;
        }

        // A run stopped between passing its last stage and validating validates first (so it can be the one kept).
        if (trainer.Validations.Count == 0 || (CurriculumDone() && trainer.Validations[^1].Updates != trainer.Updates)) Validate();
        string? reason = Stop();
        while (reason is null)
        {
            if (cancel.IsCancellationRequested)
            {
                trainer.CreateCheckpoint(best: false, false, clock.Elapsed.TotalSeconds).Write(LastCheckpoint);
                throw new OperationCanceledException("training interrupted; checkpoints/last saved (continue with --resume)", cancel);
            }
            var report = trainer.Step();
            if (report.Evaluation is { } evaluation)
            {
                stageLog!.Append(evaluation);
                _progress?.Report(StageEvent(trainer, evaluation));
            }
            _progress?.Report(new UpdateDone(trainer.Updates, trainer.Trials, trainer.ValidationEvery - trainer.Updates % trainer.ValidationEvery,
                report.Loss, trainer.Config.Network is RateNetworkConfig { LambdaOmega: > 0 } ? report.Omega : null));
            // The last stage passed: validate the network as it is now, so that it can be the one kept.
            if (trainer.Updates % trainer.ValidationEvery == 0 || AtLimit() || CurriculumDone())
            {
                Validate();
                reason = Stop();
            }
        }
        return Finish(trainer, reason, clock.Elapsed.TotalSeconds);
    }

    private static StageEvaluated StageEvent(Trainer trainer, CurriculumEvaluation e)
    {
        var stages = trainer.Curriculum!.Stages;
        return new StageEvaluated(stages[e.Stage].Name, stages[e.Stage].MetricName, e.Value, e.Trials, e.Passed,
            trainer.InCurriculum ? stages[trainer.CurriculumStage].Name : null);
    }

    private TrainingOutcome Finish(Trainer trainer, string reason, double sessionSeconds)
    {
        var criterion = trainer.Task.Description.Criterion;
        bool converged = reason is "criterion" or "curriculum";
        // Rewrite both checkpoints with the final record (converged flag).
        trainer.CreateCheckpoint(best: false, converged, sessionSeconds).Write(LastCheckpoint);
        trainer.CreateCheckpoint(best: true, converged, sessionSeconds).Write(BestCheckpoint);
        var perf = trainer.Validations.Select(v => v.Performance).ToArray();
        int window = Math.Min(criterion.Window, perf.Length);
        var summary = new TrainSummary(trainer.Config.Task, trainer.Config.Preset.ToString().ToLowerInvariant(), trainer.Config.Seed,
            trainer.Trials, trainer.Updates, StoppingCriterion.MetricName(criterion.Metric),
            trainer.BestValidation?.Performance ?? double.NaN, perf.Skip(perf.Length - window).Average(),
            criterion.Threshold, criterion.Describe(), converged, reason, trainer.BestCost, trainer.BestUpdates,
            perf.Length, trainer.ValidationEvery, _threads, trainer.WallSecondsBefore + sessionSeconds)
        {
            TaskOptions = trainer.Config.TaskOptions,
            Curriculum = CurriculumSummary.Of(trainer),
        };
        SafeFile.WriteAllTextAtomically(Path.Combine(_out, SummaryFile), JsonConfig.Serialize(summary));
        _progress?.Report(new TrainingFinished(summary));
        return new TrainingOutcome(summary, trainer.BestNetwork(converged));
    }
}
