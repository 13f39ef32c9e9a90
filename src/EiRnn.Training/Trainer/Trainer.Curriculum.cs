using EiRnn.Core.Checkpoints;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Curricula;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

public sealed partial class Trainer
{
    internal const string CurriculumTrials = "curriculum/trials", CurriculumNoise = "curriculum/noise";

    private readonly List<CurriculumStageRecord> _stageRecords = [];
    private readonly List<CurriculumEvaluation> _evaluations = [];
    private RandomStream? _metricRng;
    private Generator? _metricNoise;

    /// <summary>The curriculum being followed (docs/training.md#curriculum-learning), or null.</summary>
    public Curriculum? Curriculum { get; private set; }

    /// <summary>Index of the stage being trained; equals the stage count once every stage has passed.</summary>
    public int CurriculumStage { get; private set; }

    /// <summary>True while a curriculum stage (not the run's task) supplies the training batches.</summary>
    public bool InCurriculum => Curriculum is not null && CurriculumStage < Curriculum.Stages.Count;

    public bool CurriculumCompleted => Curriculum is not null && CurriculumStage >= Curriculum.Stages.Count;

    /// <summary>Every stage entered so far, with where it began and, once passed, where and how it ended.</summary>
    public IReadOnlyList<CurriculumStageRecord> StageRecords => _stageRecords;

    /// <summary>Every metric evaluation so far (docs/training.md#curriculum-learning: the (value, stage) record).</summary>
    public IReadOnlyList<CurriculumEvaluation> CurriculumEvaluations => _evaluations;

    /// <summary>The task whose batches the next update trains on: the current stage's, else the run's.</summary>
    public ICognitiveTask TrainingTask => InCurriculum ? Curriculum!.Stages[CurriculumStage].Task : Task;

    /// <summary>The stage recorded with each validation: the stage index, or null without a curriculum.</summary>
    private int? ValidationStage => Curriculum is null ? null : CurriculumStage;

    private void StartCurriculum(Curriculum? curriculum)
    {
        if (curriculum is null) return;
        Curriculum = curriculum;
        // Own streams, so that metric batches leave the training and validation draws untouched.
        _metricRng = RandomStream.Derive(Config.Seed, CurriculumTrials);
        _metricNoise = new Generator(RandomStream.MixSeed(Config.Seed, CurriculumNoise));
        _stageRecords.Add(EnterRecord(0));
    }

    private CurriculumStageRecord EnterRecord(int stage)
    {
        var s = Curriculum!.Stages[stage];
        return new CurriculumStageRecord(stage, s.Name, s.Task.Description.Name, s.MetricName, s.Threshold, Updates, Trials,
            Passed: false, UpdatesAtPass: null, TrialsAtPass: null, ValueAtPass: null, Evaluations: 0);
    }

    /// <summary>
    /// Evaluates the current stage when the metric interval has come round (every MetricEveryBatches updates of
    /// the run): a fresh batch of the stage's task with the model's noise, no update. A stage passes when its
    /// metric reaches the threshold; the next stage starts with the next update.
    /// </summary>
    private CurriculumEvaluation? MaybeEvaluateStage()
    {
        if (!InCurriculum || Updates % Curriculum!.MetricEveryBatches != 0) return null;
        var stage = Curriculum.Stages[CurriculumStage];
        double value = StageMetric(stage);
        bool passed = stage.Passes(value);
        var evaluation = new CurriculumEvaluation(CurriculumStage, Updates, Trials, value, passed);
        _evaluations.Add(evaluation);
        var record = _stageRecords[^1];
        _stageRecords[^1] = record with { Evaluations = record.Evaluations + 1 };
        if (!passed) return evaluation;
        _stageRecords[^1] = _stageRecords[^1] with { Passed = true, UpdatesAtPass = Updates, TrialsAtPass = Trials, ValueAtPass = value };
        CurriculumStage++;
        if (InCurriculum) _stageRecords.Add(EnterRecord(CurriculumStage));
        return evaluation;
    }

    private double StageMetric(CurriculumStage stage)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = stage.Task.TrainingBatch(Config.BatchSize, (float)Config.DtMs, _metricRng!);
        var tensors = ToTensors(batch);
        var (z, _) = _model.Evaluate(tensors, _metricNoise!);
        return stage.Metric == stage.Task.Description.Criterion.Metric
            ? stage.Task.Performance(batch, RateNetwork.ToArray(z))
            : TaskLoss.Rmse(z, tensors.Target, tensors.Mask).ToDouble();
    }

    private CurriculumProgress? CurriculumState() =>
        Curriculum is null ? null : new CurriculumProgress(CurriculumStage, _stageRecords.ToArray(), _evaluations.ToArray());

    private void RestoreCurriculum(CheckpointHeader h)
    {
        if (Curriculum is null) return;
        var progress = h.Curriculum ?? throw new Core.Errors.TrainingException(
            "the checkpoint being resumed has no curriculum state although the config has a curriculum");
        CurriculumStage = progress.Stage;
        _stageRecords.Clear();
        _stageRecords.AddRange(progress.Stages);
        _evaluations.AddRange(progress.Evaluations);
        _metricRng!.Restore(h.RandomStreams[CurriculumTrials]);
        SetGeneratorState(_metricNoise!, h.NoiseGenerators[CurriculumNoise]);
    }
}
