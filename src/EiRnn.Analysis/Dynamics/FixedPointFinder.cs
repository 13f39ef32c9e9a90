using EiRnn.Core.Network;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EiRnn.Analysis.Dynamics;

/// <summary>
/// Finds the roots and local minima of q(x) = ½‖F(x)‖² from each start point (docs/analysis.md#fixed-and-slow-points), classifies end
/// points by q, merges close ones and computes the Jacobian spectrum at each.
/// <para>Piecewise-linear f (rectify, linear): F is linear in each activation pattern, so a Newton step solves
/// that pattern's system exactly; iterating until the solution keeps the pattern it was solved for gives a root
/// to machine precision in a few steps. A gradient minimiser on q stalls far above the 10⁻⁸ ms⁻² threshold
/// instead: q is flat (its Hessian JᵀJ squares the Jacobian's small singular values) and kinked at every
/// pattern boundary. Smooth f, and starts whose Newton iteration revisits a pattern (no root reached), go to
/// MathNet's BFGS on q, then Newton polishing steps kept only while they lower q; a local minimum above the
/// threshold is a slow point.</para>
/// </summary>
public static class FixedPointFinder
{
    private const int NewtonPolishSteps = 8;

    /// <param name="effectiveInput">ũ, e.g. from <see cref="AutonomousDynamics.EffectiveInput"/>.</param>
    /// <param name="startPoints">States sampled from trajectories (at least <see cref="FixedPointOptions.MinimumStartPoints"/>).</param>
    public static FixedPointResult Find(NetworkSpec spec, NetworkWeights weights, IReadOnlyList<double> effectiveInput,
        IReadOnlyList<IReadOnlyList<double>> startPoints, FixedPointOptions options) =>
        Find(new AutonomousDynamics(spec, weights, effectiveInput), startPoints, options);

    public static FixedPointResult Find(AutonomousDynamics dynamics, IReadOnlyList<IReadOnlyList<double>> startPoints, FixedPointOptions options)
    {
        options.Validated();
        if (startPoints.Count < options.MinimumStartPoints)
            throw new Core.Errors.AnalysisException($"fixed-point search needs at least {options.MinimumStartPoints} start points, got {startPoints.Count}");
        var ends = new List<(Vector<double> X, double Q)>(startPoints.Count);
        var budget = new SolveBudget(options.MaxLinearSolves);
        foreach (var start in startPoints)
        {
            if (start.Count != dynamics.N) throw new Core.Errors.AnalysisException($"a start point has {start.Count} values, the network N = {dynamics.N}");
            if (budget.Exhausted) break;
            ends.Add(Minimise(dynamics, Vector<double>.Build.DenseOfEnumerable(start), options, budget));
        }
        var merged = Merge(ends, options.MergeDistance);
        var points = merged.Select(m =>
        {
            var eig = dynamics.Jacobian(m.X).Evd().EigenValues.OrderByDescending(e => e.Real).ThenByDescending(e => e.Imaginary).ToArray();
            return new StatePoint(m.X.ToArray(), m.Q, m.Q < options.FixedPointSpeed, eig, m.Count);
        }).ToArray();
        return new FixedPointResult(dynamics.Input.ToArray(), points.Where(p => p.IsFixed).ToArray(),
            points.Where(p => !p.IsFixed).ToArray(), startPoints.Count, ends.Count);
    }

    internal static (Vector<double> X, double Q) Minimise(AutonomousDynamics dynamics, Vector<double> start, FixedPointOptions options,
        SolveBudget? budget = null)
    {
        budget ??= new SolveBudget(options.MaxLinearSolves);
        if (dynamics.IsPiecewiseLinear)
        {
            if (PatternNewton(dynamics, start, options.MaxPatterns, budget) is { } root && root.Q < options.FixedPointSpeed) return root;
            var damped = DampedNewton(dynamics, start, options.MaxPatterns, budget);
            if (damped.Q < options.FixedPointSpeed || budget.Exhausted) return damped;
        }
        var end = Descend(dynamics, start, options.MaxIterations);
        if (dynamics.IsPiecewiseLinear && PatternNewton(dynamics, end.X, options.MaxPatterns, budget) is { } near && near.Q < end.Q)
            return near;
        return dynamics.IsPiecewiseLinear ? end : Polish(dynamics, end.X, end.Q, budget);
    }

    /// <summary>Counts the Newton solves of one search against <see cref="FixedPointOptions.MaxLinearSolves"/>.</summary>
    internal sealed class SolveBudget(int limit)
    {
        private int _used;
        public bool Exhausted => _used >= limit;
        /// <summary>False (and nothing spent) once the budget is used up.</summary>
        public bool TrySpend()
        {
            if (Exhausted) return false;
            _used++;
            return true;
        }
    }

    /// <summary>
    /// Newton's method for piecewise-linear F: x ← x − J(x)⁻¹F(x), which is the exact root of the linear system of
    /// x's activation pattern. Stops with that root once its own pattern is the one it was solved for; returns
    /// null when a pattern repeats (the iteration cycles: no root along this path), the Jacobian is singular, or
    /// more than <paramref name="maxPatterns"/> patterns were visited.
    /// </summary>
    internal static (Vector<double> X, double Q)? PatternNewton(AutonomousDynamics dynamics, Vector<double> x, int maxPatterns, SolveBudget budget)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pattern = dynamics.ActivationPattern(x);
        for (int visit = 0; visit < maxPatterns; visit++)
        {
            if (!visited.Add(Key(pattern))) return null;
            var step = NewtonStep(dynamics, x, budget);
            if (step is null) return null;
            x -= step;
            var next = dynamics.ActivationPattern(x);
            if (next.AsSpan().SequenceEqual(pattern)) return (x, dynamics.Speed(x));
            pattern = next;
        }
        return null;

        static string Key(bool[] p) => string.Create(p.Length, p, (s, a) => { for (int i = 0; i < a.Length; i++) s[i] = a[i] ? '1' : '0'; });
    }

    /// <summary>
    /// Newton steps with backtracking on q, for where the full-step iteration cycles between patterns: along the
    /// Newton direction d, ∇q·d = −2q, so a short enough step always lowers q (Armijo, c = 10⁻⁴). A full step that
    /// keeps the activation pattern has landed on that pattern's root. Returns the last point reached.
    /// </summary>
    internal static (Vector<double> X, double Q) DampedNewton(AutonomousDynamics dynamics, Vector<double> x, int maxSteps, SolveBudget budget)
    {
        double q = dynamics.Speed(x);
        for (int k = 0; k < maxSteps && q > 0; k++)
        {
            if (NewtonStep(dynamics, x, budget) is not { } step) break;
            var pattern = dynamics.ActivationPattern(x);
            double t = 1;
            var next = x - step;
            double qn = dynamics.Speed(next);
            while (!(qn <= q * (1 - 2e-4 * t)) && t > 1e-12)
            {
                t /= 2;
                next = x - t * step;
                qn = dynamics.Speed(next);
            }
            if (!(qn < q)) break;
            bool samePattern = dynamics.ActivationPattern(next).AsSpan().SequenceEqual(pattern);
            (x, q) = (next, qn);
            if (t == 1 && samePattern) break;
        }
        return (x, q);
    }

    /// <summary>BFGS on q; it may stop by throwing (line-search failure, iteration limit), so the best point it visited is kept.</summary>
    private static (Vector<double> X, double Q) Descend(AutonomousDynamics dynamics, Vector<double> start, int maxIterations)
    {
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
        return best;
    }

    /// <summary>Newton steps kept only when they lower q: turns a near-root of a smooth F into a root to machine precision.</summary>
    private static (Vector<double> X, double Q) Polish(AutonomousDynamics dynamics, Vector<double> x, double q, SolveBudget budget)
    {
        for (int k = 0; k < NewtonPolishSteps && q > 0; k++)
        {
            if (NewtonStep(dynamics, x, budget) is not { } step) break;
            var candidate = x - step;
            double qc = dynamics.Speed(candidate);
            if (!(qc < q)) break;
            (x, q) = (candidate, qc);
        }
        return (x, q);
    }

    /// <summary>J(x)⁻¹F(x), or null when J is singular (the solve then yields non-finite values) or the budget is spent.</summary>
    private static Vector<double>? NewtonStep(AutonomousDynamics dynamics, Vector<double> x, SolveBudget budget)
    {
        if (!budget.TrySpend()) return null;
        var step = dynamics.Jacobian(x).LU().Solve(dynamics.Velocity(x));
        return step.All(double.IsFinite) ? step : null;
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
