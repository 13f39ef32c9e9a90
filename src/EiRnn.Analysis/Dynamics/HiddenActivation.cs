using EiRnn.Core.Network;

namespace EiRnn.Analysis.Dynamics;

/// <summary>The hidden nonlinearities f of docs/model.md#nonlinearities and their derivatives f′ (for Jacobians).</summary>
public static class HiddenActivation
{
    public static double F(HiddenNonlinearity kind, double x) => kind switch
    {
        HiddenNonlinearity.Rectify => Math.Max(x, 0),
        HiddenNonlinearity.Linear => x,
        HiddenNonlinearity.RectifyPower => x > 0 ? x * x : 0,
        HiddenNonlinearity.Sigmoid => 1 / (1 + Math.Exp(-x)),
        HiddenNonlinearity.Tanh => Math.Tanh(x),
        HiddenNonlinearity.Rtanh => Math.Tanh(Math.Max(x, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>f′(x); at the kink of the rectifying functions (x = 0) the right-continuous value 0 is used.</summary>
    public static double Derivative(HiddenNonlinearity kind, double x)
    {
        switch (kind)
        {
            case HiddenNonlinearity.Rectify: return x > 0 ? 1 : 0;
            case HiddenNonlinearity.Linear: return 1;
            case HiddenNonlinearity.RectifyPower: return x > 0 ? 2 * x : 0;
            case HiddenNonlinearity.Sigmoid: { double s = 1 / (1 + Math.Exp(-x)); return s * (1 - s); }
            case HiddenNonlinearity.Tanh: { double t = Math.Tanh(x); return 1 - t * t; }
            case HiddenNonlinearity.Rtanh: { if (x <= 0) return 0; double t = Math.Tanh(x); return 1 - t * t; }
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The x with f(x) = r where f is strictly increasing at r; null where r lies on a flat part of f or outside its range.</summary>
    public static double? Inverse(HiddenNonlinearity kind, double r) => kind switch
    {
        HiddenNonlinearity.Rectify => r > 0 ? r : null,
        HiddenNonlinearity.Linear => r,
        HiddenNonlinearity.RectifyPower => r > 0 ? Math.Sqrt(r) : null,
        HiddenNonlinearity.Sigmoid => r is > 0 and < 1 ? Math.Log(r / (1 - r)) : null,
        HiddenNonlinearity.Tanh => r is > -1 and < 1 ? Math.Atanh(r) : null,
        HiddenNonlinearity.Rtanh => r is > 0 and < 1 ? Math.Atanh(r) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
