using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

/// <summary>
/// The pairings of Ω (docs/training.md#vanishing-gradient-regulariser-omega) on a two-unit case computed by hand:
/// α = 0.2, effective W = [[0, −0.5], [1, 0]] (row = postsynaptic), x_0 = (0.1, 0.1), x_1 = (0.3, −0.2),
/// x_2 = (−0.1, 0.4), x_3 = (0.2, 0.5), ∂L/∂x_1 = (1, 0), ∂L/∂x_2 = (0.5, −1), ∂L/∂x_3 = (0, 2), f = rectify.
/// Per counted step R = ‖a‖²/‖v‖² with a = 0.8 v + 0.2 (vW) ⊙ f′, Ω_t = (R − 1)², and
/// ∂Ω_t/∂W_ik = 2(R − 1)·2α a_k v_i f′_k/‖v‖², averaged like Ω.
/// <list type="bullet">
/// <item>exact (v_t = ∂L/∂x_t, f′ at x_{t−1}): R = 0.65, 0.544, 0.64.</item>
/// <item>pycog (v_t = 0.8·∂L/∂x_{t+1}, f′ at x_t; v_3 = 0 is not counted): R = 0.544, 0.64, the exact steps 2 and 3.</item>
/// <item>exact with f′ at x_t: R = 0.64, 0.706, 0.68.</item>
/// </list>
/// </summary>
[TestClass]
public sealed class OmegaFormTests
{
    /// <summary>Ω, then ∂Ω/∂W row-major (W_00, W_01, W_10, W_11).</summary>
    private static readonly Dictionary<string, double[]> Expected = new()
    {
        ["exact"] = [(0.1225 + 0.207936 + 0.1296) / 3, (-0.224 - 0.029184) / 3, 0.028 / 3, 0.058368 / 3, -0.2304 / 3],
        ["pycog"] = [(0.207936 + 0.1296) / 2, -0.029184 / 2, 0, 0.058368 / 2, -0.2304 / 2],
        ["f′ at x_t"] = [(0.1296 + 0.086436 + 0.1024) / 3, -0.2304 / 3, 0.079968 / 3, -0.0512 / 3, (-0.159936 - 0.2048) / 3],
    };

    private static readonly Dictionary<string, RateNetworkConfig> Forms = new()
    {
        ["exact"] = new RateNetworkConfig(),
        ["pycog"] = new RateNetworkConfig { OmegaForm = OmegaForm.Pycog },
        ["f′ at x_t"] = new RateNetworkConfig { OmegaDerivativeAtCurrentStep = true },
    };

    [TestMethod]
    [DataRow("exact")]
    [DataRow("pycog")]
    [DataRow("f′ at x_t")]
    public void ValueAndGradientAreTheHandComputedOnes(string form)
    {
        using var scope = NewDisposeScope();
        var w = tensor(new double[] { 0, -0.5, 1, 0 }, [2, 2]).requires_grad_(true);
        var x0 = tensor(new double[] { 0.1, 0.1 }, [1, 2]);
        var x = tensor(new double[] { 0.3, -0.2, -0.1, 0.4, 0.2, 0.5 }, [1, 3, 2]);
        var dLdx = tensor(new double[] { 1, 0, 0.5, -1, 0, 2 }, [1, 3, 2]);
        var alpha = tensor(new double[] { 0.2, 0.2 });
        var inputs = OmegaInputs.For(Forms[form], dLdx, matmul(alpha.mul(dLdx), w.detach()), x, x0, alpha, w.detach());
        // Ω differentiated through W itself (its own product), so the pairing alone decides the numbers.
        var omega = VanishingGradientRegulariser.Compute(inputs.V, inputs.DerivativeAt, w, alpha, HiddenNonlinearity.Rectify);
        double[] gradient = autograd.grad([omega], [w])[0].contiguous().data<double>().ToArray();

        var expected = Expected[form];
        Assert.AreEqual(expected[0], omega.item<double>(), 1e-12, $"{form}: Ω");
        for (int k = 0; k < 4; k++) Assert.AreEqual(expected[k + 1], gradient[k], 1e-12, $"{form}: ∂Ω/∂W element {k}");
    }

    [TestMethod]
    public void PycogFormCannotBeCombinedWithTheCurrentStepOption()
    {
        var config = TinyNetworks.Pycog(n: 4).WithRate(r => r with { OmegaForm = OmegaForm.Pycog, OmegaDerivativeAtCurrentStep = true });
        var e = Assert.ThrowsExactly<Core.Errors.ConfigException>(() => config.Validate());
        Assert.AreEqual("network.omega_derivative_at_current_step", e.Field);
    }
}
