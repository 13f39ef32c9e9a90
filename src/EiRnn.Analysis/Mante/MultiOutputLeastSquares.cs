using MathNet.Numerics.LinearAlgebra;

namespace EiRnn.Analysis.Mante;

/// <summary>
/// Ordinary least squares for many outputs that share one design: accumulates XᵀX [p × p] and XᵀY [p × m]
/// row by row (streaming), then solves the normal equations with a Cholesky factorisation (MathNet).
/// </summary>
internal sealed class MultiOutputLeastSquares
{
    private readonly Matrix<double> _xtx;
    private readonly double[] _xty;   // [p × m] row-major
    private readonly int _p, _m;

    public MultiOutputLeastSquares(int regressors, int outputs)
    {
        (_p, _m) = (regressors, outputs);
        _xtx = Matrix<double>.Build.Dense(regressors, regressors);
        _xty = new double[regressors * outputs];
    }

    public int Rows { get; private set; }

    /// <summary>Adds the design row once (shared by the outputs added with <see cref="AddOutputs"/>).</summary>
    public void AddDesignRow(ReadOnlySpan<double> x)
    {
        for (int a = 0; a < _p; a++)
            for (int b = 0; b < _p; b++) _xtx[a, b] += x[a] * x[b];
        Rows++;
    }

    /// <summary>Adds y for a design row: XᵀY[j, k] += x_j·y_k for outputs k in [offset, offset + y.Length).</summary>
    public void AddOutputs(ReadOnlySpan<double> x, ReadOnlySpan<float> y, int offset)
    {
        for (int j = 0; j < _p; j++)
        {
            double xj = x[j];
            if (xj == 0) continue;
            var row = _xty.AsSpan(j * _m + offset, y.Length);
            for (int k = 0; k < y.Length; k++) row[k] += xj * y[k];
        }
    }

    /// <summary>β [p × m] = (XᵀX)⁻¹XᵀY; throws when the design is (nearly) rank-deficient.</summary>
    public Matrix<double> Solve()
    {
        if (Rows < _p) throw new Core.Errors.AnalysisException($"regression with {_p} regressors needs at least {_p} trials, got {Rows}");
        double cond = _xtx.ConditionNumber();
        if (!(cond < 1e12))
            throw new Core.Errors.AnalysisException($"regressors are collinear (condition number {cond:G3}): every condition factor must vary across trials");
        return _xtx.Cholesky().Solve(Matrix<double>.Build.Dense(_p, _m, (j, k) => _xty[j * _m + k]));
    }
}
