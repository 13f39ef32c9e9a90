using System.Diagnostics;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Tasks.Contract;

namespace EiRnn.Training;

/// <summary>What a finished run hands to the rest of the pipeline (the CLI exports <see cref="Network"/>).</summary>
public sealed record TrainingOutcome(TrainSummary Summary, TrainedNetwork Network);

/// <summary>
/// The training loop of SPEC.md §3.7 with its files (DESIGN.md): validation before the first update and every
/// checkfreq updates, checkpoints/best on each new lowest validation cost, checkpoints/last at each validation,
/// at the end and on cancellation, learning-curve.csv as it goes, train-summary.json at the end.
/// </summary>
public sealed class TrainingRun
{
    public const string SummaryFile = "train-summary.json", CurveFile = "learning-curve.csv";
    private readonly string _out;
    private readonly TrainingProgressPrinter? _progress;
    private readonly int _threads;

    public TrainingRun(string outDir, TrainingProgressPrinter? progress = null, int threads = 1)
    {
        _out = Path.GetFullPath(outDir);
        _progress = progress;
        _threads = threads;
    }

    public string LastCheckpoint => Path.Combine(_out, "checkpoints", "last");
    public string BestCheckpoint => Path.Combine(_out, "checkpoints", "best");

    /// <summary>Trains (or, with <paramref name="resume"/>, continues) until the stopping rule fires.</summary>
    public TrainingOutcome Run(TrainConfig config, ICognitiveTask task, bool resume, CancellationToken cancel)
    {
        Directory.CreateDirectory(_out);
        if (!resume && Directory.Exists(LastCheckpoint))
            throw new ConfigException("out", $"{_out} already holds a training run; pass --resume to continue it or choose another --out");
        if (resume && !Directory.Exists(LastCheckpoint))
            throw new ConfigException("resume", $"{LastCheckpoint} does not exist; nothing to resume");
        using var trainer = resume
            ? Trainer.Resume(config, task, Checkpoint.Read(LastCheckpoint), Directory.Exists(BestCheckpoint) ? Checkpoint.Read(BestCheckpoint) : null)
            : Trainer.Start(config, task);
        var clock = Stopwatch.StartNew();
        var curve = new LearningCurveFile(Path.Combine(_out, CurveFile), trainer.Validations);
        var criterion = task.Description.Criterion;

        void Validate()
        {
            var (record, isBest) = trainer.Validate();
            if (double.IsNaN(record.Cost))
                throw new TrainingException($"validation cost is NaN at update {trainer.Updates}; training diverged (checkpoints/last holds the state before)");
            curve.Append(record);
            if (isBest) trainer.CreateCheckpoint(best: true, false, clock.Elapsed.TotalSeconds).Write(BestCheckpoint);
            trainer.CreateCheckpoint(best: false, false, clock.Elapsed.TotalSeconds).Write(LastCheckpoint);
            _progress?.Validation(trainer, record, isBest);
        }

        bool OutOfTime() => config.MaxWallSeconds > 0 && trainer.WallSecondsBefore + clock.Elapsed.TotalSeconds >= config.MaxWallSeconds;

        string? Stop()
        {
            if (criterion.IsMet(trainer.Validations.Select(v => v.Performance).ToArray())) return "criterion";
            if (trainer.BestUpdates >= 0 && trainer.Updates - trainer.BestUpdates >= (long)config.PatienceValidations * trainer.ValidationEvery) return "patience";
            if (trainer.Updates >= config.MaxUpdates) return "max_updates";
            if (config.MaxTrials > 0 && trainer.Trials >= config.MaxTrials) return "max_trials";
            if (OutOfTime()) return "max_wall_seconds";
            return null;
        }

        if (trainer.Validations.Count == 0) Validate();
        string? reason = Stop();
        while (reason is null)
        {
            if (cancel.IsCancellationRequested)
            {
                trainer.CreateCheckpoint(best: false, false, clock.Elapsed.TotalSeconds).Write(LastCheckpoint);
                throw new OperationCanceledException("training interrupted; checkpoints/last saved (continue with --resume)", cancel);
            }
            var report = trainer.Step();
            _progress?.Step(trainer, report);
            bool limit = trainer.Updates >= config.MaxUpdates || (config.MaxTrials > 0 && trainer.Trials >= config.MaxTrials) || OutOfTime();
            if (trainer.Updates % trainer.ValidationEvery == 0 || limit)
            {
                Validate();
                reason = Stop();
            }
        }
        return Finish(trainer, reason, clock.Elapsed.TotalSeconds);
    }

    private TrainingOutcome Finish(Trainer trainer, string reason, double sessionSeconds)
    {
        var criterion = trainer.Task.Description.Criterion;
        bool converged = reason == "criterion";
        // Rewrite both checkpoints with the final record (converged flag).
        trainer.CreateCheckpoint(best: false, converged, sessionSeconds).Write(LastCheckpoint);
        trainer.CreateCheckpoint(best: true, converged, sessionSeconds).Write(BestCheckpoint);
        var perf = trainer.Validations.Select(v => v.Performance).ToArray();
        int window = Math.Min(criterion.Window, perf.Length);
        var summary = new TrainSummary(trainer.Config.Task, trainer.Config.Preset.ToString().ToLowerInvariant(), trainer.Config.Seed,
            trainer.Trials, trainer.Updates, StoppingCriterion.MetricName(criterion.Metric),
            trainer.BestValidation?.Performance ?? double.NaN, perf.Skip(perf.Length - window).Average(),
            criterion.Threshold, criterion.Describe(), converged, reason, trainer.BestCost, trainer.BestUpdates,
            perf.Length, trainer.ValidationEvery, _threads, trainer.WallSecondsBefore + sessionSeconds);
        File.WriteAllText(Path.Combine(_out, SummaryFile), JsonConfig.Serialize(summary));
        _progress?.Finished(summary);
        return new TrainingOutcome(summary, trainer.BestNetwork(converged));
    }
}
