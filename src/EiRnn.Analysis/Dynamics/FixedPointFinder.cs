using EiRnn.Core.Network;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EiRnn.Analysis.Dynamics;

/// <summary>
/// Minimises q(x) = ½‖F(x)‖² from each start point (MathNet BFGS, then Newton polishing steps that are kept
/// only when they lower q, which turns a near-root into a root to machine precision), classifies end points by
/// q, merges close ones and computes the Jacobian spectrum at each (SPEC.md §5.11).
/// </summary>
public static class FixedPointFinder
{
    private const int NewtonPolishSteps = 8;

    /// <param name="effectiveInput">ũ, e.g. from <see cref="AutonomousDynamics.EffectiveInput"/>.</param>
    /// <param name="startPoints">States sampled from trajectories (at least <see cref="FixedPointOptions.MinimumStartPoints"/>).</param>
    public static FixedPointResult Find(NetworkSpec spec, NetworkWeights weights, IReadOnlyList<double> effectiveInput,
        IReadOnlyList<IReadOnlyList<double>> startPoints, FixedPointOptions options)
    {
        options.Validated();
        if (startPoints.Count < options.MinimumStartPoints)
            throw new Core.Errors.AnalysisException($"fixed-point search needs at least {options.MinimumStartPoints} start points, got {startPoints.Count}");
        var dynamics = new AutonomousDynamics(spec, weights, effectiveInput);
        var ends = new List<(Vector<double> X, double Q)>(startPoints.Count);
        foreach (var start in startPoints)
        {
            if (start.Count != spec.N) throw new Core.Errors.AnalysisException($"a start point has {start.Count} values, the network N = {spec.N}");
            ends.Add(Minimise(dynamics, Vector<double>.Build.DenseOfEnumerable(start), options.MaxIterations));
        }
        var merged = Merge(ends, options.MergeDistance);
        var points = merged.Select(m =>
        {
            var eig = dynamics.Jacobian(m.X).Evd().EigenValues.OrderByDescending(e => e.Real).ThenByDescending(e => e.Imaginary).ToArray();
            return new StatePoint(m.X.ToArray(), m.Q, m.Q < options.FixedPointSpeed, eig, m.Count);
        }).ToArray();
        return new FixedPointResult(effectiveInput.ToArray(), points.Where(p => p.IsFixed).ToArray(),
            points.Where(p => !p.IsFixed).ToArray(), startPoints.Count);
    }

    internal static (Vector<double> X, double Q) Minimise(AutonomousDynamics dynamics, Vector<double> start, int maxIterations)
    {
        // BFGS may stop by throwing (line-search failure, iteration limit); the best point it visited is kept.
        var best = (X: start, Q: dynamics.Speed(start));
        (double, Vector<double>) Objective(Vector<double> x)
        {
            var (q, g) = dynamics.SpeedWithGradient(x);
            if (q < best.Q) best = (x.Clone(), q);
            return (q, g);
        }
        try
        {
            var result = new BfgsMinimizer(1e-14, 1e-14, 1e-20, maxIterations).FindMinimum(ObjectiveFunction.Gradient(Objective), start);
            double q = dynamics.Speed(result.MinimizingPoint);
            if (q <= best.Q) best = (result.MinimizingPoint, q);
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException) { }
        return Polish(dynamics, best.X, best.Q);
    }

    private static (Vector<double> X, double Q) Polish(AutonomousDynamics dynamics, Vector<double> x, double q)
    {
        for (int step = 0; step < NewtonPolishSteps && q > 0; step++)
        {
            var j = dynamics.Jacobian(x);
            var lu = j.LU();
            if (Math.Abs(lu.Determinant) < 1e-300) break;
            var candidate = x - lu.Solve(dynamics.Velocity(x));
            double qc = dynamics.Speed(candidate);
            if (!(qc < q)) break;
            (x, q) = (candidate, qc);
        }
        return (x, q);
    }

    /// <summary>Greedy merge in order of increasing q: each end point joins the first kept point within the distance.</summary>
    private static List<(Vector<double> X, double Q, int Count)> Merge(List<(Vector<double> X, double Q)> ends, double distance)
    {
        var kept = new List<(Vector<double> X, double Q, int Count)>();
        foreach (var (x, q) in ends.OrderBy(e => e.Q))
        {
            int k = kept.FindIndex(p => (p.X - x).L2Norm() < distance);
            if (k >= 0) kept[k] = kept[k] with { Count = kept[k].Count + 1 };
            else kept.Add((x, q, 1));
        }
        return kept;
    }
}
