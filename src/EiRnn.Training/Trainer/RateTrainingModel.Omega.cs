using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace EiRnn.Training;

internal sealed partial class RateTrainingModel
{
    /// <summary>
    /// ∂(L + R)/∂θ + λ_Ω ∂Ω/∂W_rec^pl at the cost of about one plain backward pass. The recurrence runs on a detached
    /// W_rec, so the loss's backward pass skips its T per-step weight products and yields, besides ∂L/∂θ for the other
    /// parameters, v_t = ∂L/∂x_t (gradients of the states) and (α⊙v_t) W_rec (gradients of the rates r_{t−1} that
    /// step multiplies by W_rec): Ω needs no product of its own. Both W_rec gradients share the factor α⊙v_t:
    /// ∂L/∂W_rec = Σ_t (α⊙v_t)ᵀ r_{t−1} and ∂(λ_Ω Ω)/∂W_rec = Σ_t (α⊙v_t)ᵀ g_t with g_t = ∂(λ_Ω Ω)/∂((α⊙v_t) W_rec),
    /// so one [N,BT]×[BT,N] product gives their sum, then chained to W_rec^pl through masks, positivity and signs.
    /// Same mathematics as autograd of L + λ_Ω Ω (docs/training.md#vanishing-gradient-regulariser-omega); the sums
    /// run in another order, so float32 results differ in rounding (tests compare with the autograd formulation).
    /// </summary>
    private GradientResult OmegaGradients(BatchTensors batch, Tensor noiseIn, Tensor noiseRec, Tensor xInit,
        IReadOnlyList<(string Name, Parameter Value)> trained)
    {
        var parameters = trained.Select(p => (Tensor)p.Value).ToArray();
        int rec = trained.Select(p => p.Name).ToList().IndexOf(WRecPlastic);
        var wRec = Network.RecurrentWeights();   // graph to W_rec^pl
        // A state carried over from the last batch (continuous mode) is a constant; autograd.grad below asks for the gradient
        // of r_{-1} = f(x_init) and aborts the process when that needs none, so it gets a leaf of its own (its gradient is unused).
        if (!xInit.requires_grad) xInit = xInit.detach().requires_grad_(true);
        var rollout = Network.Forward(batch.U, noiseIn, noiseRec, xInit, _dtMs, wRec.detach());
        var loss = _loss.Compute(rollout.Z, batch.Target, batch.Mask, batch.TrialSteps);
        var regulariser = _regularisers.Compute(Network, rollout.R);
        var others = parameters.Where((_, i) => i != rec).ToArray();
        var all = autograd.grad([loss], [.. others, .. rollout.Steps, .. rollout.StepRates], retain_graph: regulariser is not null);
        int steps = rollout.Steps.Length;
        var v = stack(all.Skip(others.Length).Take(steps).ToArray(), 1);
        var backProjection = stack(all.Skip(others.Length + steps).ToArray(), 1).detach();

        var alpha = Network.Alpha(_dtMs);
        var inputs = OmegaInputs.For(_config, v, backProjection, rollout.X.detach(), xInit.detach(), alpha, wRec.detach());
        var (omega, g) = VanishingGradientRegulariser.WithGradient(inputs.V, inputs.BackProjection, inputs.DerivativeAt, alpha, Spec.Hidden,
            _config.LambdaOmega);
        var previousRates = stack(rollout.StepRates, 1).detach();
        int n = Spec.N;
        Tensor Flat(Tensor t) => t.reshape(-1, n);
        // Ω's own W_rec gradient is Σ_t (α⊙v_t)ᵀ g_t over its v; when that is the loss's v, one product serves both.
        var wRecGradient = inputs.IsLossGradient
            ? matmul(Flat(alpha.mul(v)).t(), Flat(previousRates.Plus(g)))
            : matmul(Flat(alpha.mul(v)).t(), Flat(previousRates)).Plus(matmul(Flat(alpha.mul(inputs.V)).t(), Flat(g)));

        var gradients = new Tensor[parameters.Length];
        for (int i = 0, j = 0; i < parameters.Length; i++) gradients[i] = i == rec ? zeros_like(parameters[i]) : all[j++];
        if (regulariser is not null)
        {
            // Zero-weighted anchor: every parameter is then part of the graph and gets a (zero) gradient where no
            // regulariser touches it. A rate penalty reaches W_rec through the states: its v′_t = ∂R/∂x_t adds
            // Σ_t (α⊙v′_t)ᵀ r_{t−1}, as the loss's does.
            var anchored = regulariser.Plus(parameters.Select(p => p.sum()).Aggregate((a, b) => a.Plus(b)).Times(0));
            bool throughStates = _config.L2Rate > 0;
            var extra = autograd.grad([anchored], throughStates ? [.. parameters, .. rollout.Steps] : parameters);
            for (int i = 0; i < gradients.Length; i++) gradients[i] = gradients[i].Plus(extra[i]);
            if (throughStates)
                wRecGradient = wRecGradient.Plus(matmul(Flat(alpha.mul(stack(extra.Skip(parameters.Length).ToArray(), 1))).t(), Flat(previousRates)));
        }
        gradients[rec] = gradients[rec].Plus(autograd.grad([wRec], [Network.WRecPlastic], [wRecGradient])[0]);
        return new GradientResult(gradients, loss, omega.ToDouble(), rollout, inputs.V, inputs.DerivativeAt);
    }
}
