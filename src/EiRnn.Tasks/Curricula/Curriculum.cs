using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Tasks.Library;

namespace EiRnn.Tasks.Curricula;

/// <summary>
/// One curriculum stage (docs/training.md#curriculum-learning): train on batches of <see cref="Task"/> until its metric, computed
/// on a fresh batch of the stage's task, reaches <see cref="Threshold"/>.
/// </summary>
/// <param name="Name">Stage label for logs and the (value, stage) record, e.g. "coherence 0.7".</param>
/// <param name="Task">This stage's task parameterisation.</param>
/// <param name="Metric">The metric the threshold applies to: the task's own (e.g. accuracy) or RMSE over the error mask.</param>
/// <param name="Threshold">Advance when metric ≥ threshold (≤ for RMSE).</param>
public sealed record CurriculumStage(string Name, ICognitiveTask Task, TaskMetric Metric, double Threshold)
{
    /// <summary>Whether a metric value passes this stage.</summary>
    public bool Passes(double value) => Metric == TaskMetric.Rmse ? value <= Threshold : value >= Threshold;

    public string MetricName => StoppingCriterion.MetricName(Metric);
}

/// <summary>
/// An ordered list of stages (docs/training.md#curriculum-learning). Every <see cref="MetricEveryBatches"/> training batches the
/// trainer runs a fresh batch of the current stage, computes its metric and advances when the stage passes;
/// passing the last stage ends the curriculum, and training stops (docs/training.md#curriculum-learning) or, with
/// <see cref="AfterLastStage.Continue"/>, goes on with the run's task to its own criterion. All stages share the
/// inputs and outputs of the first.
/// </summary>
public sealed record Curriculum
{
    private static readonly double[] BuiltInCoherences = [0.7, 0.5, 0.3, 0.1];

    public Curriculum(IReadOnlyList<CurriculumStage> stages, int metricEveryBatches = 10, AfterLastStage afterLastStage = AfterLastStage.Stop)
    {
        if (stages.Count == 0) throw new ConfigException("curriculum.stages", "must list at least one stage");
        if (metricEveryBatches < 1) throw new ConfigException("curriculum.metric_every_batches", $"must be >= 1, got {metricEveryBatches}");
        var first = stages[0].Task.Description;
        for (int i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            string field = $"curriculum.stages[{i}]";
            if (!double.IsFinite(s.Threshold)) throw new ConfigException($"{field}.threshold", $"must be finite, got {s.Threshold}");
            if (s.Metric != TaskMetric.Rmse && s.Threshold is < 0 or > 1)
                throw new ConfigException($"{field}.threshold", $"is a fraction for {StoppingCriterion.MetricName(s.Metric)} and must lie in [0, 1], got {s.Threshold}");
            var own = s.Task.Description.Criterion.Metric;
            if (s.Metric != own && s.Metric != TaskMetric.Rmse)
                throw new ConfigException($"{field}.metric", $"must be {StoppingCriterion.MetricName(own)} (the task's own) or rmse for task '{s.Task.Description.Name}', got {s.MetricName}");
            if (s.Metric == TaskMetric.Rmse && s.Threshold < 0) throw new ConfigException($"{field}.threshold", $"must be >= 0 for rmse, got {s.Threshold}");
            var d = s.Task.Description;
            if (!d.InputNames.SequenceEqual(first.InputNames) || !d.OutputNames.SequenceEqual(first.OutputNames))
                throw new ConfigException($"{field}.task", $"'{d.Name}' has different inputs or outputs than stage 0 '{first.Name}'; one network must fit all stages");
        }
        Stages = stages.ToArray();
        MetricEveryBatches = metricEveryBatches;
        AfterLastStage = afterLastStage;
    }

    public IReadOnlyList<CurriculumStage> Stages { get; }
    public int MetricEveryBatches { get; }
    public AfterLastStage AfterLastStage { get; }

    /// <summary>
    /// The built-in perceptual-discrimination curriculum of docs/training.md#curriculum-learning (the authors' notebook): coherence
    /// 0.7, then 0.5, 0.3, 0.1, each stage passed at accuracy ≥ 0.9, metric after every batch.
    /// </summary>
    public static Curriculum PerceptualDiscrimination(double trialMs = 2000) => new(
        BuiltInCoherences
            .Select(c => new CurriculumStage($"coherence {c}", new PerceptualDiscriminationTask([c], trialMs), TaskMetric.Accuracy, 0.9))
            .ToArray(),
        metricEveryBatches: 1);
}
