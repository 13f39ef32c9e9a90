using EiRnn.Core.Network;
using MathNet.Numerics.LinearAlgebra;

namespace EiRnn.Analysis.Dynamics;

/// <summary>
/// The noise-free network under a constant input: F(x) = (−x + W_rec f(x) + W_in ũ + b_rec)/τ (per-unit τ),
/// its Jacobian (−I + W_rec diag(f′(x)))/τ, and the speed q(x) = ½‖F(x)‖² with gradient J(x)ᵀF(x)
/// (docs/analysis.md#fixed-and-slow-points). Units: ms⁻¹ for F, ms⁻² for q.
/// </summary>
public sealed class AutonomousDynamics
{
    private readonly HiddenNonlinearity _f;
    private readonly Matrix<double> _wRec;
    private readonly Vector<double> _drive;      // W_in ũ + b_rec
    private readonly Vector<double> _invTau;
    private readonly double[] _input;

    /// <param name="effectiveInput">ũ, the input as the recurrent units receive it (see <see cref="EffectiveInput"/>).</param>
    public AutonomousDynamics(NetworkSpec spec, NetworkWeights weights, IReadOnlyList<double> effectiveInput)
    {
        if (spec.Arch != NetworkArch.EiRnn) throw new Core.Errors.AnalysisException("fixed points are defined for the rate network only, not the LSTM");
        if (effectiveInput.Count != spec.Nin) throw new Core.Errors.AnalysisException($"input has {effectiveInput.Count} channels, the network {spec.Nin}");
        int n = spec.N, nin = spec.Nin;
        _input = effectiveInput.ToArray();
        _f = spec.Hidden;
        _wRec = Matrix<double>.Build.Dense(n, n, (i, j) => weights.WRec[i * n + j]);
        var wIn = Matrix<double>.Build.Dense(n, nin, (i, c) => weights.WIn[i * nin + c]);
        _drive = wIn * Vector<double>.Build.DenseOfEnumerable(effectiveInput) + Vector<double>.Build.Dense(n, i => weights.BRec[i]);
        _invTau = Vector<double>.Build.Dense(n, i => 1.0 / spec.TauMs[i]);
    }

    public int N => _drive.Count;

    /// <summary>ũ, the constant input of these dynamics.</summary>
    public IReadOnlyList<double> Input => _input;

    /// <summary>
    /// True when f is piecewise linear (rectify, linear): F is then linear inside each activation pattern, and one
    /// Newton step from any state lands on the root of that pattern's linear system exactly.
    /// </summary>
    public bool IsPiecewiseLinear => _f is HiddenNonlinearity.Rectify or HiddenNonlinearity.Linear;

    /// <summary>Which units are on the rising part of f (f′(x_i) &gt; 0): the linear region of a piecewise-linear F.</summary>
    public bool[] ActivationPattern(Vector<double> x) => x.Select(v => HiddenActivation.Derivative(_f, v) > 0).ToArray();

    /// <summary>
    /// A state x with f(x) = <paramref name="rates"/> where f is invertible; where a rate sits on a flat part of f
    /// (a silent rectified unit) x is not recorded, and min(0, (W_rec r + W_in ũ + b_rec)_i) is used: the value
    /// that unit takes at a fixed point with these rates. Saved datasets hold r, not x; this turns them into start points.
    /// </summary>
    public Vector<double> StateFromRates(IReadOnlyList<double> rates)
    {
        if (rates.Count != N) throw new Core.Errors.AnalysisException($"rates have {rates.Count} values, the network N = {N}");
        var r = Vector<double>.Build.DenseOfEnumerable(rates);
        var drive = _wRec * r + _drive;
        return Vector<double>.Build.Dense(N, i => HiddenActivation.Inverse(_f, r[i]) ?? Math.Min(0, drive[i]));
    }

    /// <summary>ũ = [u0 + u]+ when the network rectifies its inputs, else u0 + u (noise-free, docs/model.md#inputs-baseline-noise-and-rectification).</summary>
    public static double[] EffectiveInput(NetworkSpec spec, IReadOnlyList<double> taskInput)
    {
        if (taskInput.Count != spec.Nin) throw new Core.Errors.AnalysisException($"input has {taskInput.Count} channels, the network {spec.Nin}");
        return Enumerable.Range(0, spec.Nin).Select(c =>
        {
            double v = spec.U0[c] + taskInput[c];
            return spec.RectifyInputs ? Math.Max(v, 0) : v;
        }).ToArray();
    }

    public Vector<double> Velocity(Vector<double> x)
    {
        var r = x.Map(v => HiddenActivation.F(_f, v));
        return (_wRec * r + _drive - x).PointwiseMultiply(_invTau);
    }

    public Matrix<double> Jacobian(Vector<double> x)
    {
        var j = _wRec.Clone();
        for (int col = 0; col < N; col++)
        {
            double d = HiddenActivation.Derivative(_f, x[col]);
            for (int row = 0; row < N; row++) j[row, col] *= d;
        }
        for (int i = 0; i < N; i++) j[i, i] -= 1;
        for (int row = 0; row < N; row++)
        {
            double s = _invTau[row];
            for (int col = 0; col < N; col++) j[row, col] *= s;
        }
        return j;
    }

    public double Speed(Vector<double> x)
    {
        var f = Velocity(x);
        return 0.5 * f.DotProduct(f);
    }

    /// <summary>q(x) and ∇q(x) = J(x)ᵀ F(x).</summary>
    public (double Q, Vector<double> Gradient) SpeedWithGradient(Vector<double> x)
    {
        var f = Velocity(x);
        return (0.5 * f.DotProduct(f), Jacobian(x).TransposeThisAndMultiply(f));
    }
}
