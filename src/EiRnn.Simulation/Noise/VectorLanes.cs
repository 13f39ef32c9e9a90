using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EiRnn.Simulation.Noise;

/// <summary>512-bit lanes (16 floats) for <see cref="BoxMullerMath"/>.</summary>
internal readonly struct Lanes512 : IFloatLanes<Vector512<float>, Vector512<int>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Splat(int value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sqrt(Vector512<float> a) => Vector512.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ToFloat(Vector512<int> a) => Vector512.ConvertToSingle(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Bits(Vector512<float> a) => a.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> FromBits(Vector512<int> a) => a.AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> And(Vector512<int> a, Vector512<int> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Or(Vector512<int> a, Vector512<int> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Xor(Vector512<int> a, Vector512<int> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftRight(Vector512<int> a, int count) => a >>> count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ShiftLeft(Vector512<int> a, int count) => a << count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Greater(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b).AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<int> mask, Vector512<float> ifTrue, Vector512<float> ifFalse) => Vector512.ConditionalSelect(mask.AsSingle(), ifTrue, ifFalse);
}

/// <summary>256-bit lanes (8 floats) for <see cref="BoxMullerMath"/>, for machines without AVX-512.</summary>
internal readonly struct Lanes256 : IFloatLanes<Vector256<float>, Vector256<int>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Splat(int value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sqrt(Vector256<float> a) => Vector256.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ToFloat(Vector256<int> a) => Vector256.ConvertToSingle(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Bits(Vector256<float> a) => a.AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> FromBits(Vector256<int> a) => a.AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Or(Vector256<int> a, Vector256<int> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Xor(Vector256<int> a, Vector256<int> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftRight(Vector256<int> a, int count) => a >>> count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ShiftLeft(Vector256<int> a, int count) => a << count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Greater(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b).AsInt32();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<int> mask, Vector256<float> ifTrue, Vector256<float> ifFalse) => Vector256.ConditionalSelect(mask.AsSingle(), ifTrue, ifFalse);
}
