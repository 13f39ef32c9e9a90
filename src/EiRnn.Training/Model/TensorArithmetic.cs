using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Model;

/// <summary>
/// Tensor arithmetic that keeps every scalar operand alive for the whole native call. TorchSharp turns
/// numbers (and the implicit alpha = 1 of <c>a + b</c>) into finalizable <see cref="Scalar"/> objects and
/// passes only their native handle, so a garbage collection during the call can free the scalar while
/// LibTorch still reads it (seen here as a crash in addcmul after ~10⁶ operations). Every hot path of this
/// stage therefore uses these methods instead of the operators <c>+</c>, <c>a * 2.0</c>, <c>1 - a</c>:
/// constants live in static fields, other numbers in a <c>using</c> that outlives the call.
/// </summary>
public static class TensorArithmetic
{
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a += b (in place).</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>a + v.</summary>
    public static Tensor Plus(this Tensor a, double v)
    {
        using var s = v.ToScalar();
        return a.add(s, One);
    }

    /// <summary>v·a.</summary>
    public static Tensor Times(this Tensor a, double v)
    {
        using var s = v.ToScalar();
        return a.mul(s);
    }

    /// <summary>a ← v·a (in place).</summary>
    public static Tensor TimesInPlace(this Tensor a, double v)
    {
        using var s = v.ToScalar();
        return a.mul_(s);
    }

    /// <summary>1 − a.</summary>
    public static Tensor OneMinus(this Tensor a) => a.neg().add(One, One);

    /// <summary>a² element-wise (a·a; TorchSharp's square() goes through an implicit scalar).</summary>
    public static Tensor Squared(this Tensor a) => a.mul(a);

    public static Tensor ClampMin(this Tensor a, double min)
    {
        using var s = min.ToScalar();
        return a.clamp_min(s);
    }

    public static Tensor Clamp(this Tensor a, double min, double max)
    {
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return a.clamp(lo, hi);
    }

    /// <summary>a &gt; v as a boolean tensor.</summary>
    public static Tensor GreaterThan(this Tensor a, double v)
    {
        using var s = v.ToScalar();
        return a.gt(s);
    }

    /// <summary>a ≥ v as a boolean tensor.</summary>
    public static Tensor AtLeast(this Tensor a, double v)
    {
        using var s = v.ToScalar();
        return a.ge(s);
    }
}
