using System.Numerics;
using EiRnn.Analysis.Dynamics;
using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Dynamics;

[TestClass]
public sealed class FixedPointTests
{
    private static IReadOnlyList<IReadOnlyList<double>> RandomStarts(int count, int n, double scale, ulong seed)
    {
        var rng = new RandomStream(seed);
        return Enumerable.Range(0, count).Select(_ => (IReadOnlyList<double>)Enumerable.Range(0, n).Select(_ => rng.Uniform(-scale, scale)).ToArray()).ToArray();
    }

    private static void AssertEigenvalues(double[] expectedRealDescending, IReadOnlyList<Complex> actual, double tol)
    {
        Assert.AreEqual(expectedRealDescending.Length, actual.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            Assert.AreEqual(expectedRealDescending[i], actual[i].Real, tol, $"eigenvalue {i}");
            Assert.AreEqual(0, actual[i].Imaginary, tol, $"eigenvalue {i}");
        }
    }

    [TestMethod]
    public void LinearNetworkHasTheAnalyticFixedPointAndSpectrum()
    {
        // f = identity, W = [[0, .5], [.2, 0]], τ = 100. Drive W_in ũ + b = [0.4 + 0.6, 2.0 + 0] = [1, 2].
        // x* = (I − W)⁻¹[1, 2] = (1/0.9)[1 + 0.5·2, 0.2·1 + 2] = [2/0.9, 2.2/0.9].
        // eig(W) = ±sqrt(0.1) → eig((W − I)/τ) = (−1 ± sqrt(0.1))/100.
        var spec = TestNetworks.Spec(2, 1, 1, dale: false, hidden: HiddenNonlinearity.Linear);
        var w = TestNetworks.Weights(spec, wRec: [0, 0.5f, 0.2f, 0], wIn: [0.5f, 2.5f], bRec: [0, 0]);
        // ũ = u0 + u = 0.2 + 0.6 = 0.8 → W_in ũ = [0.4, 2.0]; b = [0.6, 0] supplies the rest.
        w = w with { BRec = [0.6f, 0f] };
        double[] input = AutonomousDynamics.EffectiveInput(spec, [0.6]);
        Assert.AreEqual(0.8, input[0], 1e-7);

        var result = FixedPointFinder.Find(spec, w, input, RandomStarts(100, 2, 5, 1), new FixedPointOptions());
        Assert.AreEqual(1, result.FixedPoints.Count);
        Assert.AreEqual(0, result.SlowPoints.Count);
        var p = result.FixedPoints[0];
        Assert.AreEqual(2 / 0.9, p.State[0], 1e-6);
        Assert.AreEqual(2.2 / 0.9, p.State[1], 1e-6);
        Assert.AreEqual(100, p.StartPointsMerged);
        AssertEigenvalues([(-1 + Math.Sqrt(0.1)) / 100, (-1 - Math.Sqrt(0.1)) / 100], p.Eigenvalues, 1e-7);
        Assert.IsTrue(p.IsStable);
    }

    [TestMethod]
    public void TheSolveBudgetStopsTheSearchAfterThatManyNewtonSolves()
    {
        // Linear f: one Newton solve lands on the root from any start, so a budget of 7 solves searches exactly 7 of the 100 starts.
        var spec = TestNetworks.Spec(2, 1, 1, dale: false, hidden: HiddenNonlinearity.Linear);
        var w = TestNetworks.Weights(spec, wRec: [0, 0.5f, 0.2f, 0], wIn: [0, 0], bRec: [1, 2]);
        var starts = RandomStarts(100, 2, 5, 3);
        var limited = FixedPointFinder.Find(spec, w, [0.0], starts, new FixedPointOptions { MaxLinearSolves = 7 });
        Assert.AreEqual(100, limited.StartPoints);
        Assert.AreEqual(7, limited.StartPointsSearched);
        Assert.AreEqual(7, limited.FixedPoints.Single().StartPointsMerged);
        Assert.AreEqual(2 / 0.9, limited.FixedPoints.Single().State[0], 1e-6);
        Assert.AreEqual(100, FixedPointFinder.Find(spec, w, [0.0], starts, new FixedPointOptions()).StartPointsSearched);
    }

    [TestMethod]
    public void PerUnitTimeConstantsScaleTheJacobianRows()
    {
        // Same linear W, τ = (50, 200). J = diag(1/τ)(W − I) = [[−1/50, .5/50], [.2/200, −1/200]]:
        // eigenvalues from the trace and determinant.
        var spec = TestNetworks.Spec(2, 1, 1, dale: false, hidden: HiddenNonlinearity.Linear) with { TauMs = [50f, 200f] };
        var w = TestNetworks.Weights(spec, wRec: [0, 0.5f, 0.2f, 0], wIn: [0, 0], bRec: [1, 2]);
        var result = FixedPointFinder.Find(spec, w, [0.0], RandomStarts(100, 2, 5, 2), new FixedPointOptions());
        var p = result.FixedPoints.Single();
        Assert.AreEqual(2 / 0.9, p.State[0], 1e-6);
        double a = -1 / 50.0, b = 0.5 / 50, c = 0.2 / 200, d = -1 / 200.0;
        double tr = a + d, det = a * d - b * c, disc = Math.Sqrt(tr * tr / 4 - det);
        AssertEigenvalues([tr / 2 + disc, tr / 2 - disc], p.Eigenvalues, 1e-9);
    }

    [TestMethod]
    public void RectifiedMutualInhibitionHasTwoAttractorsAndASaddle()
    {
        // x = W[x]+ + h with W = [[0, −2], [−2, 0]], h = [1, 1] (by hand):
        //  both active: x1 = 1 − 2x2, x2 = 1 − 2x1 → (1/3, 1/3); J = (W − I)/τ, eig(W) = ±2 → (1, −3)/τ: saddle.
        //  unit 1 only: x1 = 1, x2 = 1 − 2 = −1 ≤ 0 ✓; J = [[−1, 0], [−2, −1]]/τ → −1/τ twice: stable. Mirror (−1, 1).
        var spec = TestNetworks.Spec(2, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, wRec: [0, -2, -2, 0], wIn: [0, 0], bRec: [1, 1]);
        var starts = RandomStarts(98, 2, 2, 3).Append([0.5, 0.5]).Append([0.1, 0.1]).ToArray();
        var result = FixedPointFinder.Find(spec, w, [0.0], starts, new FixedPointOptions());

        var fixedPoints = result.FixedPoints.OrderBy(p => p.State[0]).ToArray();
        Assert.AreEqual(3, fixedPoints.Length, string.Join("; ", fixedPoints.Select(p => $"({p.State[0]}, {p.State[1]})")));
        double[][] expected = [[-1, 1], [1 / 3.0, 1 / 3.0], [1, -1]];
        for (int k = 0; k < 3; k++)
        {
            Assert.AreEqual(expected[k][0], fixedPoints[k].State[0], 1e-6);
            Assert.AreEqual(expected[k][1], fixedPoints[k].State[1], 1e-6);
            Assert.IsTrue(fixedPoints[k].Speed < 1e-8);
        }
        AssertEigenvalues([1 / 100.0, -3 / 100.0], fixedPoints[1].Eigenvalues, 1e-9);
        Assert.AreEqual(1, fixedPoints[1].UnstableDirections);
        AssertEigenvalues([-1 / 100.0, -1 / 100.0], fixedPoints[0].Eigenvalues, 1e-9);
        Assert.IsTrue(fixedPoints[0].IsStable && fixedPoints[2].IsStable);
        Assert.AreEqual(100, fixedPoints.Sum(p => p.StartPointsMerged) + result.SlowPoints.Sum(p => p.StartPointsMerged));
    }

    [TestMethod]
    public void AGhostOfASaddleNodeIsReportedAsASlowPoint()
    {
        // One unit, tanh, x' = (−x + 1.2·tanh(x) + b)/τ with b = b_f + 0.05, just past the saddle-node bifurcation (the local minimum of −x + 1.2·tanh(x) + b at x_f is then +0.05, so q there = ½(0.05/τ)² = 1.25e-7 ms⁻², above the 1e-8 threshold): no
        // fixed point near x ≈ −0.4 but a local minimum of q there (slow point). By hand, for w = 1.2 the
        // fold is at tanh′(x) = 1/1.2 → x_f = −atanh(sqrt(1 − 1/1.2)) ≈ −0.4236, b_f = x_f − 1.2·tanh(x_f).
        double xf = -Math.Atanh(Math.Sqrt(1 - 1 / 1.2)), bf = xf - 1.2 * Math.Tanh(xf);
        var spec = TestNetworks.Spec(1, 1, 1, dale: false, hidden: HiddenNonlinearity.Tanh);
        var w = TestNetworks.Weights(spec, wRec: [1.2f], wIn: [0], bRec: [(float)(bf + 0.05)]);
        var starts = Enumerable.Range(0, 100).Select(i => (IReadOnlyList<double>)new[] { -1.5 + 0.03 * i }).ToArray();
        var result = FixedPointFinder.Find(spec, w, [0.0], starts, new FixedPointOptions());
        Assert.IsTrue(result.FixedPoints.Count >= 1, "the stable fixed point at positive x exists");
        Assert.IsTrue(result.FixedPoints.All(p => p.State[0] > 0), string.Join("; ", result.FixedPoints.Select(p => $"{p.State[0]} q={p.Speed}")));
        Assert.IsTrue(result.SlowPoints.Any(p => Math.Abs(p.State[0] - xf) < 0.05),
            string.Join("; ", result.SlowPoints.Select(p => $"{p.State[0]} q={p.Speed}")));
    }

    [TestMethod]
    public void NewtonSolvesEachActivationPatternExactly()
    {
        // The mutual-inhibition network above, by hand, from x = (−1, −1) (both silent): the silent pattern's system
        // is x = h → (1, 1), both active; the both-active system x = W x + h gives (1/3, 1/3), whose pattern is the
        // one it was solved for: the saddle, exactly. From (0.9, −0.5) (unit 1 only): x1 = 1, x2 = −2·1 + 1 = −1, same pattern.
        var spec = TestNetworks.Spec(2, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, wRec: [0, -2, -2, 0], wIn: [0, 0], bRec: [1, 1]);
        var dynamics = new AutonomousDynamics(spec, w, [0.0]);
        Assert.IsTrue(dynamics.IsPiecewiseLinear);
        foreach (var (start, expected) in new[] { (new[] { -1.0, -1 }, new[] { 1 / 3.0, 1 / 3.0 }), (new[] { 0.9, -0.5 }, new[] { 1.0, -1 }) })
        {
            var root = FixedPointFinder.PatternNewton(dynamics, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(start), 10, new FixedPointFinder.SolveBudget(int.MaxValue));
            Assert.IsNotNull(root);
            Assert.AreEqual(expected[0], root.Value.X[0], 1e-14);
            Assert.AreEqual(expected[1], root.Value.X[1], 1e-14);
            Assert.IsLessThan(1e-30, root.Value.Q, "a root to machine precision, far below the 1e-8 ms⁻² threshold");
        }
    }

    [TestMethod]
    public void RectifiedUnitWithoutARootHasASlowPointAtTheKink()
    {
        // x′ = (−x + 2[x]+ + 1)/τ: silent, x = 1 > 0 contradicts; active, x = 1/(1 − 2) = −1 < 0 contradicts: no root.
        // Newton alternates between the two patterns (−1 → 1 → −1), so the minimiser takes over and ends at the
        // kink x = 0, where |F| is smallest (1/τ): q = ½/τ² = 5e-5 ms⁻², a slow point.
        var spec = TestNetworks.Spec(1, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, wRec: [2], wIn: [0], bRec: [1]);
        var dynamics = new AutonomousDynamics(spec, w, [0.0]);
        Assert.IsNull(FixedPointFinder.PatternNewton(dynamics, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(1, -0.5), 10, new FixedPointFinder.SolveBudget(int.MaxValue)));
        var result = FixedPointFinder.Find(spec, w, [0.0], Enumerable.Range(0, 100).Select(i => (IReadOnlyList<double>)[-1 + 0.02 * i]).ToArray(),
            new FixedPointOptions());
        Assert.AreEqual(0, result.FixedPoints.Count);
        var slow = result.SlowPoints.OrderBy(p => p.Speed).First();
        Assert.AreEqual(0, slow.State[0], 1e-3);
        Assert.AreEqual(0.5e-4, slow.Speed, 0.5e-6);
    }

    [TestMethod]
    public void RatesBecomeStatesThatAreExactAtAFixedPoint()
    {
        // Mutual inhibition: the fixed point (1, −1) has rates (1, 0). Unit 1's x is not in its rate; the drive
        // W r + h = (0·1 − 2·0 + 1, −2·1 + 0 + 1) = (1, −1) gives x2 = min(0, −1) = −1, the fixed point exactly.
        var spec = TestNetworks.Spec(2, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, wRec: [0, -2, -2, 0], wIn: [0, 0], bRec: [1, 1]);
        var x = new AutonomousDynamics(spec, w, [0.0]).StateFromRates([1.0, 0.0]);
        CollectionAssert.AreEqual(new[] { 1.0, -1 }, x.ToArray());
        // Smooth f are inverted: tanh(0.5) → 0.5.
        var tanh = TestNetworks.Spec(1, 1, 1, dale: false, hidden: HiddenNonlinearity.Tanh);
        var y = new AutonomousDynamics(tanh, TestNetworks.Weights(tanh, [0.3f], [0]), [0.0]).StateFromRates([Math.Tanh(0.5)]);
        Assert.AreEqual(0.5, y[0], 1e-12);
    }

    [TestMethod]
    public void FewerStartPointsThanTheMinimumIsAnError()
    {
        var spec = TestNetworks.Spec(2, 1, 1, dale: false);
        var w = TestNetworks.Weights(spec, new float[4], new float[2]);
        Assert.ThrowsExactly<Core.Errors.AnalysisException>(() =>
            FixedPointFinder.Find(spec, w, [0.0], RandomStarts(5, 2, 1, 1), new FixedPointOptions()));
    }
}
