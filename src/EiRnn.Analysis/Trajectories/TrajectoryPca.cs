using EiRnn.Analysis.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace EiRnn.Analysis.Trajectories;

/// <summary>
/// PCA of trajectories (docs/analysis.md#trajectory-pca): eigenvalues (descending) of the correlation matrix of the active units
/// over all samples, their fractions of the total variance, the components (rows, unit loadings; each signed
/// so that its largest-magnitude loading is positive) and every trial projected on the first components.
/// </summary>
public sealed record TrajectoryPca(
    IReadOnlyList<int> ActiveUnits,
    IReadOnlyList<double> Eigenvalues,
    IReadOnlyList<double> VarianceFraction,
    ReadOnlyMatrix Components,
    IReadOnlyList<ReadOnlyMatrix> Projections)
{
    public double VarianceExplained(int components) => VarianceFraction.Take(components).Sum();
}

public static class TrajectoryPcaAnalysis
{
    /// <param name="trials">Each trial's rates, time-major [T_trial × N] (trials may differ in length).</param>
    /// <param name="activeStd">Units whose standard deviation over all samples is at most this are left out.</param>
    /// <param name="projectOn">How many components to keep and project on.</param>
    public static TrajectoryPca Compute(IReadOnlyList<float[]> trials, int units, double activeStd = 0.1, int projectOn = 2) =>
        Compute(trials.Select(t => Array.ConvertAll(t, v => (double)v)).ToArray(), units, activeStd, projectOn);

    /// <summary>PCA of condition-averaged trajectories (docs/analysis.md#condition-averages-and-alignment averages, docs/analysis.md#trajectory-pca recipe): one projection per condition.</summary>
    public static TrajectoryPca Compute(IReadOnlyList<ConditionAverage> conditions, double activeStd = 0.1, int projectOn = 3)
    {
        if (conditions.Count == 0) throw new Core.Errors.AnalysisException("PCA needs at least one condition average");
        return Compute(conditions.Select(c => c.Rates).ToArray(), conditions[0].Units, activeStd, projectOn);
    }

    /// <param name="trials">Each trial's (or condition's) rates, time-major [T_trial × N] (lengths may differ).</param>
    public static TrajectoryPca Compute(IReadOnlyList<double[]> trials, int units, double activeStd = 0.1, int projectOn = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        int samples = 0;
        foreach (var t in trials)
        {
            if (t.Length % units != 0) throw new Core.Errors.AnalysisException($"a trial has {t.Length} values, not a multiple of N = {units}");
            samples += t.Length / units;
        }
        if (samples < 2) throw new Core.Errors.AnalysisException("PCA needs at least 2 samples");
        var data = Matrix<double>.Build.Dense(samples, units);
        int row = 0;
        foreach (var t in trials)
            for (int s = 0; s < t.Length / units; s++, row++)
                for (int i = 0; i < units; i++) data[row, i] = t[s * units + i];

        // Standardise each unit with population (1/n) statistics, as matplotlib's PCA does.
        var mean = data.ColumnSums() / samples;
        var std = Vector<double>.Build.Dense(units, i => Math.Sqrt(data.Column(i).Subtract(mean[i]).PointwisePower(2).Sum() / samples));
        int[] active = Enumerable.Range(0, units).Where(i => std[i] > activeStd).ToArray();
        if (active.Length < 1) throw new Core.Errors.AnalysisException($"no unit has a standard deviation above {activeStd}");
        var z = Matrix<double>.Build.Dense(samples, active.Length, (s, k) => (data[s, active[k]] - mean[active[k]]) / std[active[k]]);
        var correlation = z.TransposeThisAndMultiply(z) / samples;
        var evd = correlation.Evd(Symmetricity.Symmetric);
        int[] order = Enumerable.Range(0, active.Length).OrderByDescending(k => evd.EigenValues[k].Real).ToArray();
        double[] eigenvalues = order.Select(k => evd.EigenValues[k].Real).ToArray();
        double total = eigenvalues.Sum();
        int keep = Math.Min(projectOn, active.Length);
        var components = Matrix<double>.Build.Dense(keep, active.Length, (c, k) => evd.EigenVectors[k, order[c]]);
        for (int c = 0; c < keep; c++)
        {
            var v = components.Row(c);
            if (v[v.AbsoluteMaximumIndex()] < 0) components.SetRow(c, -v);
        }
        var projections = new List<ReadOnlyMatrix>(trials.Count);
        int first = 0;
        foreach (var t in trials)
        {
            int len = t.Length / units;
            var p = z.SubMatrix(first, len, 0, active.Length) * components.Transpose();
            projections.Add(ReadOnlyMatrix.From(p));
            first += len;
        }
        return new TrajectoryPca(active, eigenvalues, eigenvalues.Select(e => e / total).ToArray(),
            ReadOnlyMatrix.From(components), projections);
    }
}
