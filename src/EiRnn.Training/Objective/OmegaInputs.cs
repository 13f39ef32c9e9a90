using EiRnn.Core.Config;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Objective;

/// <summary>
/// What Ω is computed from (docs/training.md#vanishing-gradient-regulariser-omega): the vectors v_t [B,T,N], their
/// back-projection (α⊙v_t) W_rec [B,T,N] (the step forms Ω's W_rec gradient from Ω's gradient with respect to it) and the states
/// where f′ is taken. <see cref="IsLossGradient"/>: v is the loss's own ∂L/∂x_t, so Ω's W_rec gradient shares the
/// loss's factor α⊙v_t.
/// </summary>
internal sealed record OmegaInputs(Tensor V, Tensor BackProjection, Tensor DerivativeAt, bool IsLossGradient)
{
    /// <summary>
    /// The configured form from v_t = ∂L/∂x_t and its back-projection, the states x_1..x_T [B,T,N], x_0 [B,N], α [N]
    /// and the detached effective W_rec. Exact: v_t with x_{t−1} (x_t with omega_derivative_at_current_step). Pycog
    /// (docs/training.md#omega-in-the-authors-code): (1−α)⊙v_{t+1}, the gradient reaching x_t through the leak alone
    /// (0 at t = T, so never valid), with x_t.
    /// </summary>
    public static OmegaInputs For(RateNetworkConfig config, Tensor v, Tensor backProjection, Tensor states, Tensor initial,
        Tensor alpha, Tensor wRec)
    {
        long steps = states.shape[1];
        if (config.OmegaForm == OmegaForm.Pycog)
        {
            var throughLeak = cat([v.narrow(1, 1, steps - 1), zeros_like(v.narrow(1, 0, 1))], 1).mul(alpha.OneMinus());
            return new(throughLeak, matmul(alpha.mul(throughLeak), wRec), states, false);
        }
        var at = config.OmegaDerivativeAtCurrentStep ? states : cat([initial.unsqueeze(1), states.narrow(1, 0, steps - 1)], 1);
        return new(v, backProjection, at, true);
    }
}
