using EiRnn.Core.Network;
using EiRnn.Onnx.Graph;

namespace EiRnn.Onnx.Export;

/// <summary>The hidden (f) and output (g) nonlinearities of docs/model.md#nonlinearities as ONNX operators.</summary>
internal static class Nonlinearities
{
    /// <summary>r = f(x); always emits at least one node so that r and x are distinct values.</summary>
    public static string Hidden(GraphBuilder g, HiddenNonlinearity f, string x, string r) => f switch
    {
        HiddenNonlinearity.Rectify => g.Op("Relu", [x], r),
        HiddenNonlinearity.Linear => g.Op("Identity", [x], r),
        HiddenNonlinearity.RectifyPower => Square(g, g.Op("Relu", [x], r + "_pos"), r),
        HiddenNonlinearity.Sigmoid => g.Op("Sigmoid", [x], r),
        HiddenNonlinearity.Tanh => g.Op("Tanh", [x], r),
        HiddenNonlinearity.Rtanh => g.Op("Tanh", [g.Op("Relu", [x], r + "_pos")], r),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown hidden nonlinearity"),
    };

    /// <summary>z = g(a) over the last (output channel) axis.</summary>
    public static string Output(GraphBuilder g, OutputNonlinearity f, string a, string z) => f switch
    {
        OutputNonlinearity.Linear => g.Op("Identity", [a], z),
        OutputNonlinearity.Rectify => g.Op("Relu", [a], z),
        OutputNonlinearity.RectifyPower => Square(g, g.Op("Relu", [a], z + "_pos"), z),
        OutputNonlinearity.Sigmoid => g.Op("Sigmoid", [a], z),
        OutputNonlinearity.Softmax => g.Op("Softmax", [a], z, Attr.Int("axis", -1)),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown output nonlinearity"),
    };

    private static string Square(GraphBuilder g, string v, string output) => g.Op("Mul", [v, v], output);
}
