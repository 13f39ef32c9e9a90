using EiRnn.Core.Network;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Objective;

/// <summary>
/// Ω of docs/training.md#vanishing-gradient-regulariser-omega (Pascanu et al.): with v_t = ∂L/∂x_t and a_t = v_t ∂x_t/∂x_{t−1}
/// = (1−α)⊙v_t + ((α⊙v_t) W_rec) ⊙ f′(x_{t−1}), Ω = mean over valid (n,t) of (‖a_t‖²/‖v_t‖² − 1)², valid
/// meaning ‖v_t‖² ≥ 10⁻²⁰. v and x are constants here; only W_rec carries the graph.
/// </summary>
public static class VanishingGradientRegulariser
{
    public const double MinimumSquaredNorm = 1e-20;

    /// <param name="v">∂L/∂x_t for t = 1..T, [B,T,N], detached.</param>
    /// <param name="xDerivativeAt">States where f′ is evaluated, [B,T,N], detached (x_{t−1} by default).</param>
    /// <param name="wRec">Effective recurrent weights [N,N] (with graph to W_rec^pl).</param>
    /// <param name="alpha">α per unit, [N].</param>
    public static Tensor Compute(Tensor v, Tensor xDerivativeAt, Tensor wRec, Tensor alpha, HiddenNonlinearity f) =>
        FromBackProjection(v, matmul(alpha.mul(v), wRec), xDerivativeAt, alpha, f);

    /// <summary>Ω from v and the back-projection (α⊙v_t) W_rec [B,T,N] already formed (the training step takes it from
    /// the loss's backward pass, where it is the gradient of the rates each step multiplies by W_rec).</summary>
    public static Tensor FromBackProjection(Tensor v, Tensor backProjection, Tensor xDerivativeAt, Tensor alpha, HiddenNonlinearity f)
    {
        var fPrime = Nonlinearities.HiddenDerivative(f, xDerivativeAt);
        var a = alpha.OneMinus().mul(v).Plus(backProjection.mul(fPrime));
        var vNorm2 = v.Squared().sum(-1);
        var aNorm2 = a.Squared().sum(-1);
        var valid = vNorm2.AtLeast(MinimumSquaredNorm);
        var ratio = aNorm2.div(where(valid, vNorm2, ones_like(vNorm2)));
        var perStep = ratio.Plus(-1).Squared().mul(valid.to_type(v.dtype));
        return perStep.sum().div(valid.sum().ClampMin(1).to_type(v.dtype));
    }
}
