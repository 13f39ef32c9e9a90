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
    public static Tensor FromBackProjection(Tensor v, Tensor backProjection, Tensor xDerivativeAt, Tensor alpha, HiddenNonlinearity f) =>
        Terms(v, backProjection, xDerivativeAt, alpha, f).Omega;

    /// <summary>
    /// Ω and λ·∂Ω/∂(back-projection) in closed form, for the training step: with a_t = (1−α)⊙v_t + p_t⊙f′ (p the
    /// back-projection), ∂Ω/∂p_t = 4 (‖a_t‖²/‖v_t‖² − 1) a_t⊙f′ / (‖v_t‖² · #valid) on valid steps, 0 elsewhere. About
    /// half the element-wise passes of autograd through <see cref="FromBackProjection"/>, which the tests take as the oracle.
    /// </summary>
    public static (Tensor Omega, Tensor Gradient) WithGradient(Tensor v, Tensor backProjection, Tensor xDerivativeAt, Tensor alpha,
        HiddenNonlinearity f, double lambda)
    {
        var t = Terms(v, backProjection, xDerivativeAt, alpha, f);
        var coefficient = t.Excess.div(t.SafeNorm2).div(t.Count).Times(4 * lambda).unsqueeze(-1);
        return (t.Omega, t.A.mul(t.FPrime).mul(coefficient));
    }

    private static (Tensor Omega, Tensor A, Tensor FPrime, Tensor Excess, Tensor SafeNorm2, Tensor Count) Terms(Tensor v, Tensor backProjection,
        Tensor xDerivativeAt, Tensor alpha, HiddenNonlinearity f)
    {
        var fPrime = Nonlinearities.HiddenDerivative(f, xDerivativeAt);
        var a = alpha.OneMinus().mul(v).Plus(backProjection.mul(fPrime));
        var vNorm2 = v.Squared().sum(-1);
        var valid = vNorm2.AtLeast(MinimumSquaredNorm);
        var validWeight = valid.to_type(v.dtype);
        var safe = where(valid, vNorm2, ones_like(vNorm2));
        // (‖a‖²/‖v‖² − 1) on valid steps, 0 on the others.
        var excess = a.Squared().sum(-1).div(safe).Plus(-1).mul(validWeight);
        var count = validWeight.sum().ClampMin(1);
        return (excess.Squared().sum().div(count), a, fPrime, excess, safe, count);
    }
}
