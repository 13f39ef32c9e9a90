using EiRnn.Analysis.Dynamics;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.TestSupport;

namespace EiRnn.Analysis.Tests.Dynamics;

/// <summary>
/// Fixed points of the committed trained rdm-fixed network (models/rdm-fixed): a decision network should hold one
/// attractor per choice with a saddle between them. Each point is checked as a root by the independent float64
/// Euler loop of TestSupport, not by the finder's own F.
/// </summary>
[TestClass]
public sealed class CommittedNetworkFixedPointTests
{
    private static string CommittedModel()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EiRnnPipeline.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "models", "rdm-fixed", "model.onnx");
    }

    /// <summary>States from noisy reference trials at ±12.8 and ±51.2 % coherence (test timings, dt 2 ms): 25 saved rates each.</summary>
    private static IReadOnlyList<double[]> SampledRates(NetworkSpec spec, NetworkWeights w)
    {
        const double dt = 2;
        const int steps = 700, batch = 4;   // fixation 300, stimulus 800, decision 300 ms
        var u = new float[batch * steps * 2];
        double[] coherence = [12.8, -12.8, 51.2, -51.2];
        for (int b = 0; b < batch; b++)
            for (int k = 150; k < 550; k++)
            {
                u[(b * steps + k) * 2] = (float)((1 + coherence[b] / 100) / 2);
                u[(b * steps + k) * 2 + 1] = (float)((1 - coherence[b] / 100) / 2);
            }
        var rng = new RandomStream(5);
        var noiseIn = Enumerable.Range(0, u.Length).Select(_ => (float)rng.NextNormal()).ToArray();
        var noiseRec = Enumerable.Range(0, batch * steps * spec.N).Select(_ => (float)rng.NextNormal()).ToArray();
        var xInit = Enumerable.Range(0, batch).SelectMany(_ => w.X0).ToArray();
        var run = ReferenceEuler.Run(spec, w, u, noiseIn, noiseRec, xInit, batch, steps, dt);
        return Enumerable.Range(0, batch).SelectMany(b => Enumerable.Range(0, 25).Select(s => run.R.AsSpan((b * steps + 28 * s) * spec.N, spec.N).ToArray())).ToArray();
    }

    [TestMethod]
    public void TwoChoiceAttractorsAndASaddleAtFixationAndZeroCoherenceInputs()
    {
        var network = Onnx.Reading.ModelReader.Read(CommittedModel()).Network;
        var (spec, w) = (network.Spec, network.Weights!);
        var rates = SampledRates(spec, w);
        var found = new Dictionary<double, StatePoint[]>();
        foreach (double taskInput in new[] { 0.0, 0.5 })   // fixation / decision input, and the stimulus at coherence 0
        {
            var dynamics = new AutonomousDynamics(spec, w, AutonomousDynamics.EffectiveInput(spec, [taskInput, taskInput]));
            var starts = rates.Select(r => (IReadOnlyList<double>)dynamics.StateFromRates(r).ToArray()).ToArray();
            var result = FixedPointFinder.Find(dynamics, starts, new FixedPointOptions { MaxIterations = 200 });
            // Nearly every start reaches a root; the odd one may end at a kink where q has a local minimum (a slow point).
            Assert.IsGreaterThanOrEqualTo(95, result.FixedPoints.Sum(p => p.StartPointsMerged), $"{result.SlowPoints.Count} slow points");
            var points = result.FixedPoints.OrderBy(p => p.State.Sum(v => v * v)).ToArray();
            Assert.AreEqual(3, points.Length);
            var stable = points.Where(p => p.IsStable).ToArray();
            Assert.AreEqual(2, stable.Length);
            CollectionAssert.AreEquivalent(new[] { 0, 1 }, stable.Select(p => StateReadout.Of(spec, w, p.State).Choice).ToArray(), "one attractor per choice");
            Assert.AreEqual(1, points.Single(p => !p.IsStable).UnstableDirections, "a saddle between them");

            foreach (var p in points)
            {
                // Independent check: the float64 Euler loop, noise off, started at x* (rounded to float32), stays there.
                const int steps = 1000;
                var u = Enumerable.Repeat((float)taskInput, steps * 2).ToArray();
                var run = ReferenceEuler.Run(spec, w, u, new float[steps * 2], new float[steps * spec.N], p.State.Select(v => (float)v).ToArray(),
                    1, steps, 0.5, sigmaIn: 0, sigmaRec: 0);
                double drift = Math.Sqrt(p.State.Select((v, i) => (run.XLast[i] - v) * (run.XLast[i] - v)).Sum());
                Assert.IsLessThan(1e-4, drift, $"input {taskInput}: ‖x(500 ms) − x*‖ for a point with λmax = {p.Eigenvalues[0].Real:E2}");
            }
            found[taskInput] = points;
        }
        // b_rec = 0 and equal inputs on both channels: F is positively homogeneous in (x, ũ), so every fixed point at
        // ũ = u0 + 0.5 is (u0 + 0.5)/u0 (3.5 for u0 = 0.2; u0 is stored as float32) times one at ũ = u0, with the same
        // activation pattern and spectrum.
        Assert.IsTrue(w.BRec.All(b => b == 0));
        double ratio = (spec.U0[0] + 0.5) / spec.U0[0];
        Assert.AreEqual(3.5, ratio, 1e-7);
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < spec.N; i++)
                Assert.AreEqual(ratio * found[0.0][k].State[i], found[0.5][k].State[i], 1e-9 * (1 + Math.Abs(found[0.5][k].State[i])));
    }
}
