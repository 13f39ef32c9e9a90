using System.Numerics;

namespace EiRnn.Analysis.Dynamics;

/// <summary>Options of the fixed/slow point search (docs/analysis.md#fixed-and-slow-points).</summary>
public sealed record FixedPointOptions
{
    /// <summary>q below this (ms⁻²) counts as a fixed point.</summary>
    public double FixedPointSpeed { get; init; } = 1e-8;
    /// <summary>End points closer than this (Euclidean, state units) are one point.</summary>
    public double MergeDistance { get; init; } = 1e-3;
    public int MinimumStartPoints { get; init; } = 100;
    /// <summary>BFGS iteration limit of each minimisation (smooth f, or where Newton finds no root).</summary>
    public int MaxIterations { get; init; } = 5000;
    /// <summary>Activation patterns a piecewise-linear Newton iteration may visit before it gives up (the committed rdm-fixed network needs 15 on average).</summary>
    public int MaxPatterns { get; init; } = 50;
    /// <summary>
    /// Newton linear solves (one LU of the N × N Jacobian each) the whole search may spend; start points left when it runs out
    /// are not searched, so the cost stays bounded at large N and the result stays deterministic (a count, not a clock).
    /// </summary>
    public int MaxLinearSolves { get; init; } = int.MaxValue;

    public FixedPointOptions Validated()
    {
        if (!(FixedPointSpeed > 0)) throw new Core.Errors.ConfigException("fixed_point_speed", $"must be > 0, got {FixedPointSpeed}");
        if (!(MergeDistance > 0)) throw new Core.Errors.ConfigException("merge_distance", $"must be > 0, got {MergeDistance}");
        if (MinimumStartPoints < 1) throw new Core.Errors.ConfigException("minimum_start_points", $"must be >= 1, got {MinimumStartPoints}");
        if (MaxIterations < 1) throw new Core.Errors.ConfigException("max_iterations", $"must be >= 1, got {MaxIterations}");
        if (MaxPatterns < 1) throw new Core.Errors.ConfigException("max_patterns", $"must be >= 1, got {MaxPatterns}");
        if (MaxLinearSolves < 1) throw new Core.Errors.ConfigException("max_linear_solves", $"must be >= 1, got {MaxLinearSolves}");
        return this;
    }
}

/// <summary>
/// A fixed or slow point: the state, its speed q (ms⁻²), the eigenvalues of the Jacobian there (ms⁻¹,
/// sorted by real part, largest first) and how many start points ended at it.
/// </summary>
public sealed record StatePoint(
    IReadOnlyList<double> State,
    double Speed,
    bool IsFixed,
    IReadOnlyList<Complex> Eigenvalues,
    int StartPointsMerged)
{
    /// <summary>Linearly stable: every eigenvalue has a negative real part.</summary>
    public bool IsStable => Eigenvalues.All(e => e.Real < 0);
    public int UnstableDirections => Eigenvalues.Count(e => e.Real > 0);
}

/// <summary>
/// Fixed points (q below the threshold) and slow points (local minima above it), after merging; <paramref name="StartPointsSearched"/>
/// is below <paramref name="StartPoints"/> when <see cref="FixedPointOptions.MaxLinearSolves"/> ran out.
/// </summary>
public sealed record FixedPointResult(
    IReadOnlyList<double> EffectiveInput,
    IReadOnlyList<StatePoint> FixedPoints,
    IReadOnlyList<StatePoint> SlowPoints,
    int StartPoints,
    int StartPointsSearched);
