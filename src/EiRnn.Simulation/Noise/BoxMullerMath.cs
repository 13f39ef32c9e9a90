using System.Runtime.CompilerServices;

namespace EiRnn.Simulation.Noise;

/// <summary>
/// The vector operations <see cref="BoxMullerMath"/> needs, for one vector width (float lanes TF, int lanes TI).
/// Each width implements them in one line each, so the math is written once and gives the same bits at every width.
/// </summary>
internal interface IFloatLanes<TF, TI>
{
    static abstract TF Splat(float value);
    static abstract TI Splat(int value);
    static abstract TF Add(TF a, TF b);
    static abstract TF Sub(TF a, TF b);
    static abstract TF Mul(TF a, TF b);
    static abstract TF Div(TF a, TF b);
    static abstract TF Fma(TF a, TF b, TF c);
    static abstract TF Sqrt(TF a);
    static abstract TF ToFloat(TI a);
    static abstract TI Bits(TF a);
    static abstract TF FromBits(TI a);
    static abstract TI And(TI a, TI b);
    static abstract TI Or(TI a, TI b);
    static abstract TI Xor(TI a, TI b);
    static abstract TI Add(TI a, TI b);
    static abstract TI ShiftRight(TI a, int count);
    static abstract TI ShiftLeft(TI a, int count);
    /// <summary>All ones (−1) in the lanes where a &gt; b, else 0.</summary>
    static abstract TI Greater(TF a, TF b);
    static abstract TF Select(TI mask, TF ifTrue, TF ifFalse);
}

/// <summary>
/// Box–Muller from two 24-bit integer fields with a logarithm and a sine/cosine that need no range reduction,
/// because their arguments are bounded by construction (about 3x faster than the general vector log and sin/cos):
/// <list type="bullet">
/// <item>ρ = sqrt(−2 ln u₁), u₁ = (k + 1)/2²⁴ ∈ (0, 1]. With u₁ = m·2^e, m ∈ [√½, √2): ln m = 2·atanh s,
/// s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd series to s⁹ (truncation error below 4e-10).</item>
/// <item>θ = q·π/2 + ψ: the top two angle bits give the quadrant q, the other 22 bits ψ uniform in [−π/4, π/4).
/// sin ψ and cos ψ by their Taylor series to ψ⁹ and ψ⁸ (truncation below 4e-7 and 3e-8), then turned by q
/// quarter turns (swaps and sign flips, exact). θ is uniform on the circle, as in the textbook form.</item>
/// </list>
/// Every operation is an IEEE single operation (FMA where written), so all widths give the same bits.
/// </summary>
internal static class BoxMullerMath
{
    private const float Sqrt2 = 1.41421356f, Ln2 = 0.693147181f, TwoPow24Inv = 1f / (1 << 24), TwoPow22Inv = 1f / (1 << 22);
    private const int MantissaMask = 0x7FFFFF, ExponentOfOne = 0x3F800000, AngleFieldMask = 0x3FFFFF;

    /// <summary>(ρ cos θ, ρ sin θ) for 24-bit fields <paramref name="radiusBits"/> and <paramref name="angleBits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TF Cos, TF Sin) Pair<L, TF, TI>(TI radiusBits, TI angleBits) where L : IFloatLanes<TF, TI>
    {
        var rho = L.Sqrt(L.Mul(Log<L, TF, TI>(radiusBits), L.Splat(-2f)));
        var (cos, sin) = CosSin<L, TF, TI>(angleBits);
        return (L.Mul(rho, cos), L.Mul(rho, sin));
    }

    /// <summary>ln u₁ with u₁ = (k + 1)/2²⁴.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Log<L, TF, TI>(TI k) where L : IFloatLanes<TF, TI>
    {
        var u = L.Mul(L.Add(L.ToFloat(k), L.Splat(1f)), L.Splat(TwoPow24Inv));
        var bits = L.Bits(u);
        var exponent = L.Add(L.ShiftRight(bits, 23), L.Splat(-127));
        var m = L.FromBits(L.Or(L.And(bits, L.Splat(MantissaMask)), L.Splat(ExponentOfOne)));
        var high = L.Greater(m, L.Splat(Sqrt2));
        m = L.Select(high, L.Mul(m, L.Splat(0.5f)), m);
        exponent = L.Add(exponent, L.And(high, L.Splat(1)));
        var f = L.Sub(m, L.Splat(1f));
        var s = L.Div(f, L.Add(f, L.Splat(2f)));
        var s2 = L.Mul(s, s);
        var series = L.Fma(L.Splat(1f / 9), s2, L.Splat(1f / 7));
        series = L.Fma(series, s2, L.Splat(1f / 5));
        series = L.Fma(series, s2, L.Splat(1f / 3));
        series = L.Fma(series, s2, L.Splat(1f));
        return L.Fma(L.ToFloat(exponent), L.Splat(Ln2), L.Mul(L.Add(s, s), series));
    }

    /// <summary>(cos θ, sin θ) for θ = q·π/2 + ψ from a 24-bit angle field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TF Cos, TF Sin) CosSin<L, TF, TI>(TI angleBits) where L : IFloatLanes<TF, TI>
    {
        var quadrant = L.ShiftRight(angleBits, 22);
        var psi = L.Mul(L.Sub(L.Mul(L.ToFloat(L.And(angleBits, L.Splat(AngleFieldMask))), L.Splat(TwoPow22Inv)), L.Splat(0.5f)), L.Splat(MathF.PI / 2));
        var z = L.Mul(psi, psi);
        var sinSeries = L.Fma(L.Splat(1f / 362880), z, L.Splat(-1f / 5040));
        sinSeries = L.Fma(sinSeries, z, L.Splat(1f / 120));
        sinSeries = L.Fma(sinSeries, z, L.Splat(-1f / 6));
        var sin = L.Fma(L.Mul(sinSeries, z), psi, psi);
        var cosSeries = L.Fma(L.Splat(1f / 40320), z, L.Splat(-1f / 720));
        cosSeries = L.Fma(cosSeries, z, L.Splat(1f / 24));
        cosSeries = L.Fma(cosSeries, z, L.Splat(-0.5f));
        var cos = L.Fma(cosSeries, z, L.Splat(1f));
        // Quarter turns: q = 0 (c, s), 1 (−s, c), 2 (−c, −s), 3 (s, −c).
        var odd = L.Greater(L.ToFloat(L.And(quadrant, L.Splat(1))), L.Splat(0.5f));
        var (c, s) = (L.Select(odd, sin, cos), L.Select(odd, cos, sin));
        var flipCos = L.ShiftLeft(L.And(L.Add(quadrant, L.Splat(1)), L.Splat(2)), 30); // q ∈ {1, 2}
        var flipSin = L.ShiftLeft(L.And(quadrant, L.Splat(2)), 30);                    // q ∈ {2, 3}
        return (L.FromBits(L.Xor(L.Bits(c), flipCos)), L.FromBits(L.Xor(L.Bits(s), flipSin)));
    }
}
