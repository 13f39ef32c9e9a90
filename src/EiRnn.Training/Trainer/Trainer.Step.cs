using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

/// <summary>What one update did.</summary>
/// <param name="Loss">Task loss of the minibatch (without regularisers).</param>
/// <param name="Omega">Ω before λ_Ω (0 when λ_Ω = 0).</param>
/// <param name="GradientNorm">Global norm before clipping.</param>
/// <param name="Updated">False when the safeguard replaced the update by a shrink of the recurrent weights.</param>
/// <param name="Evaluation">The curriculum metric evaluation after this update, if one was due.</param>
public readonly record struct StepReport(double Loss, double Omega, double GradientNorm, bool Updated, Core.Checkpoints.CurriculumEvaluation? Evaluation = null);

public sealed partial class Trainer
{
    /// <summary>Shrink "gradient" of the recurrent weights when the real gradient is unusable (docs/training.md#gradient-clipping-and-the-non-finite-safeguard).</summary>
    private const double ShrinkFactor = 0.02;

    /// <summary>One update on a fresh minibatch (docs/training.md).</summary>
    /// <remarks>With a curriculum the batch comes from the current stage's task, and after the update the stage's
    /// metric is evaluated when its interval has come round (the report carries the evaluation).</remarks>
    public StepReport Step()
    {
        var report = StepOn(TrainingTask.TrainingBatch(Config.BatchSize, (float)Config.DtMs, _trialRng));
        return MaybeEvaluateStage() is { } evaluation ? report with { Evaluation = evaluation } : report;
    }

    /// <summary>One update on the given minibatch (noise, if the model has any, still comes from the training noise stream).</summary>
    public StepReport StepOn(TrialBatch batch)
    {
        using var scope = NewDisposeScope();
        var g = _model.Gradients(ToTensors(batch), _trainNoise);
        var (norm, usable) = GradientSafeguard.Clip(g.Gradients, Config.Clipping, Config.MaxGradNorm);
        if (usable)
        {
            _badGradientStreak = 0;
            _optimiser.Step(g.Gradients);
        }
        else
        {
            _badGradientStreak++;
            if (_badGradientStreak >= Config.MaxConsecutiveBadGradients)
                throw new TrainingException($"training diverged: {_badGradientStreak} consecutive updates had a non-finite or huge gradient " +
                    $"(norm {norm:G3}) at update {Updates + 1}; lower learning_rate or max_grad_norm, or change the seed");
            _optimiser.Step(_model.ShrinkGradients(ShrinkFactor));
        }
        Updates++;
        Trials += batch.BatchSize;
        return new StepReport(g.Loss.ToDouble(), g.Omega, norm, usable);
    }

    /// <summary>Gradients of one rate-network minibatch with explicit noise and initial state (for tests).</summary>
    internal GradientResult ComputeGradients(TrialBatch batch, Tensor noiseIn, Tensor noiseRec, Tensor xInit) =>
        (_model as RateTrainingModel ?? throw new InvalidOperationException("explicit-noise gradients are defined for the rate network"))
            .ComputeGradients(ToTensors(batch), noiseIn, noiseRec, xInit);
}
