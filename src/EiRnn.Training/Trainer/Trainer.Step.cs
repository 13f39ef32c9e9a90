using EiRnn.Core.Errors;
using EiRnn.Tasks.Contract;
using EiRnn.Training.Objective;
using EiRnn.Training.Optimisation;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training;

/// <summary>What one update did.</summary>
/// <param name="Loss">Task loss of the minibatch (without regularisers).</param>
/// <param name="Omega">Ω before λ_Ω (0 when λ_Ω = 0).</param>
/// <param name="GradientNorm">Global norm before clipping.</param>
/// <param name="Updated">False when the safeguard replaced the update by a W_rec shrink.</param>
/// <param name="Evaluation">The curriculum metric evaluation after this update, if one was due.</param>
public readonly record struct StepReport(double Loss, double Omega, double GradientNorm, bool Updated, Core.Checkpoints.CurriculumEvaluation? Evaluation = null);

public sealed partial class Trainer
{
    /// <summary>Shrink "gradient" of W_rec^pl when the real gradient is unusable (SPEC.md §3.4).</summary>
    private const double ShrinkFactor = 0.02;

    /// <summary>One update on a fresh minibatch (SPEC.md §3.1–3.6).</summary>
    /// <remarks>With a curriculum the batch comes from the current stage's task, and after the update the stage's
    /// metric is evaluated when its interval has come round (the report carries the evaluation).</remarks>
    public StepReport Step()
    {
        var report = StepOn(TrainingTask.TrainingBatch(Config.BatchSize, (float)Config.DtMs, _trialRng));
        return MaybeEvaluateStage() is { } evaluation ? report with { Evaluation = evaluation } : report;
    }

    /// <summary>One update on the given minibatch (noise still comes from the training noise stream).</summary>
    public StepReport StepOn(TrialBatch batch)
    {
        using var scope = NewDisposeScope();
        var (noiseIn, noiseRec) = Noise(batch, _trainNoise);
        var xInit = _carriedState ?? Model.X0.expand(batch.BatchSize, Spec.N);
        var g = ComputeGradients(batch, noiseIn, noiseRec, xInit);
        var gradients = g.Gradients;
        var rollout = g.Rollout;
        var (norm, usable) = GradientSafeguard.Clip(gradients, Config.Clipping, Config.MaxGradNorm);
        if (usable)
        {
            _badGradientStreak = 0;
            _optimiser.Step(gradients);
        }
        else
        {
            _badGradientStreak++;
            if (_badGradientStreak >= Config.MaxConsecutiveBadGradients)
                throw new TrainingException($"training diverged: {_badGradientStreak} consecutive updates had a non-finite or huge gradient " +
                    $"(norm {norm:G3}) at update {Updates + 1}; lower learning_rate or max_grad_norm, or change the seed");
            var shrink = Model.Trained().Select(p => p.Name == "w_rec_pl" ? (Tensor?)p.Value.detach().Times(ShrinkFactor) : null).ToArray();
            _optimiser.Step(shrink);
        }

        if (Config.CarryStateInTraining)
        {
            var last = rollout.X.select(1, rollout.X.shape[1] - 1).detach().clone().MoveToOuterDisposeScope();
            _carriedState?.Dispose();
            _carriedState = last;
        }
        Updates++;
        Trials += batch.BatchSize;
        return new StepReport(g.Loss.ToDouble(), g.Omega, norm, usable);
    }

    /// <summary>Gradients of one minibatch, aligned with <see cref="RateNetwork.Trained"/>, before clipping.</summary>
    internal sealed record GradientResult(Tensor[] Gradients, Tensor Loss, double Omega, Rollout Rollout,
        Tensor? V, Tensor? OmegaDerivativeAt);

    /// <summary>
    /// ∂(L + R)/∂θ plus λ_Ω ∂Ω/∂W_rec^pl (SPEC.md §3.1–3.3). With Ω on, one backward pass of the task loss alone
    /// gives both ∂L/∂θ and v_t = ∂L/∂x_t (total derivatives through the later steps); the regularisers' gradient
    /// is a second pass. Call inside a dispose scope.
    /// </summary>
    internal GradientResult ComputeGradients(TrialBatch batch, Tensor noiseIn, Tensor noiseRec, Tensor xInit)
    {
        var (u, target, mask, steps) = ToTensors(batch);
        var rollout = Model.Forward(u, noiseIn, noiseRec, xInit, Config.DtMs);
        var loss = _loss.Compute(rollout.Z, target, mask, steps);
        var regulariser = _regularisers.Compute(Model, rollout.R);
        var trained = Model.Trained();
        var parameters = trained.Select(p => (Tensor)p.Value).ToArray();
        if (Config.LambdaOmega <= 0)
        {
            var plain = autograd.grad([regulariser is null ? loss : loss.Plus(regulariser)], parameters).ToArray();
            return new GradientResult(plain, loss, 0, rollout, null, null);
        }

        var all = autograd.grad([loss], [.. parameters, .. rollout.Steps], retain_graph: regulariser is not null);
        var gradients = all.Take(parameters.Length).ToArray();
        var v = stack(all.Skip(parameters.Length).ToArray(), 1);
        var x = rollout.X.detach();
        var derivativeAt = Config.OmegaDerivativeAtCurrentStep ? x
            : cat([xInit.detach().unsqueeze(1), x.narrow(1, 0, x.shape[1] - 1)], 1);
        var omega = VanishingGradientRegulariser.Compute(v, derivativeAt, Model.RecurrentWeights(), Model.Alpha(Config.DtMs), Spec.Hidden);
        var omegaGradient = autograd.grad([omega.Times(Config.LambdaOmega)], [Model.WRecPlastic])[0];
        int rec = Array.FindIndex(trained.ToArray(), p => p.Name == "w_rec_pl");
        gradients[rec] = gradients[rec].Plus(omegaGradient);
        if (regulariser is not null)
        {
            // Zero-weighted anchor: every parameter is then part of the graph and gets a (zero) gradient where
            // no regulariser touches it, instead of an undefined one.
            var anchored = regulariser.Plus(parameters.Select(p => p.sum()).Aggregate((a, b) => a.Plus(b)).Times(0));
            var extra = autograd.grad([anchored], parameters);
            for (int i = 0; i < gradients.Length; i++) gradients[i] = gradients[i].Plus(extra[i]);
        }
        return new GradientResult(gradients, loss, omega.ToDouble(), rollout, v, derivativeAt);
    }
}
