using EiRnn.Core.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Model;

/// <summary>The hidden nonlinearities f, their derivatives f′ and the output nonlinearities g of docs/model.md#nonlinearities.</summary>
public static class Nonlinearities
{
    public static Tensor Hidden(HiddenNonlinearity f, Tensor x) => f switch
    {
        HiddenNonlinearity.Rectify => x.relu(),
        HiddenNonlinearity.Linear => x.alias(),
        HiddenNonlinearity.RectifyPower => x.relu().Squared(),
        HiddenNonlinearity.Sigmoid => sigmoid(x),
        HiddenNonlinearity.Tanh => tanh(x),
        HiddenNonlinearity.Rtanh => tanh(x.relu()),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    /// <summary>f′(x), for the vanishing-gradient regulariser Ω (docs/training.md#vanishing-gradient-regulariser-omega); ReLU: 1 if x &gt; 0 else 0.</summary>
    public static Tensor HiddenDerivative(HiddenNonlinearity f, Tensor x) => f switch
    {
        HiddenNonlinearity.Rectify => x.GreaterThan(0).to_type(x.dtype),
        HiddenNonlinearity.Linear => ones_like(x),
        HiddenNonlinearity.RectifyPower => x.relu().Times(2),
        HiddenNonlinearity.Sigmoid => Sigmoid(x),
        HiddenNonlinearity.Tanh => tanh(x).Squared().OneMinus(),
        HiddenNonlinearity.Rtanh => x.GreaterThan(0).to_type(x.dtype).mul(tanh(x).Squared().OneMinus()),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    private static Tensor Sigmoid(Tensor x)
    {
        var s = sigmoid(x);
        return s.mul(s.OneMinus());
    }

    /// <summary>g applied over the last (output) dimension.</summary>
    public static Tensor Output(OutputNonlinearity g, Tensor y) => g switch
    {
        OutputNonlinearity.Linear => y,
        OutputNonlinearity.Rectify => y.relu(),
        OutputNonlinearity.RectifyPower => y.relu().Squared(),
        OutputNonlinearity.Sigmoid => sigmoid(y),
        OutputNonlinearity.Softmax => softmax(y, -1),
        _ => throw new ArgumentOutOfRangeException(nameof(g)),
    };
}
