using EiRnn.Analysis.Trajectories;
using EiRnn.Core.Random;

namespace EiRnn.Analysis.Tests.Trajectories;

[TestClass]
public sealed class TrajectoryPcaTests
{
    [TestMethod]
    public void RecoversEigenstructureOfAKnownCorrelationMatrix()
    {
        // Correlation C = [[1, .6, 0], [.6, 1, 0], [0, 0, 1]]: eigenvalues 1.6, 1, 0.4 with eigenvectors
        // (1, 1, 0)/√2, (0, 0, 1), (1, −1, 0)/√2. Samples: Cholesky factor L = [[1, 0, 0], [.6, .8, 0], [0, 0, 1]]
        // times standard normals, then each unit scaled and shifted (standardisation must undo it). A fourth,
        // nearly constant unit must be dropped as inactive.
        const int samples = 20000;
        var rng = new RandomStream(21);
        double[] scale = [0.5, 3, 1.2], offset = [1, -2, 0.3];
        var half = new float[samples / 2 * 4];
        var other = new float[samples / 2 * 4];
        for (int s = 0; s < samples; s++)
        {
            double g0 = rng.NextNormal(), g1 = rng.NextNormal(), g2 = rng.NextNormal();
            double[] x = [g0, 0.6 * g0 + 0.8 * g1, g2];
            var target = s < samples / 2 ? half : other;
            int row = s % (samples / 2);
            for (int i = 0; i < 3; i++) target[row * 4 + i] = (float)(offset[i] + scale[i] * x[i]);
            target[row * 4 + 3] = (float)(0.2 + 0.01 * rng.NextNormal());
        }
        var pca = TrajectoryPcaAnalysis.Compute([half, other], units: 4, activeStd: 0.1, projectOn: 3);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, pca.ActiveUnits.ToArray());
        double[] expected = [1.6, 1.0, 0.4];
        for (int k = 0; k < 3; k++)
            Assert.AreEqual(expected[k], pca.Eigenvalues[k], 4 * expected[k] * Math.Sqrt(2.0 / samples), $"eigenvalue {k}");
        Assert.AreEqual(1.6 / 3 + 1.0 / 3, pca.VarianceExplained(2), 0.02);
        double[][] vectors = [[1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 0], [0, 0, 1], [1 / Math.Sqrt(2), -1 / Math.Sqrt(2), 0]];
        for (int k = 0; k < 3; k++)
        {
            double dot = Enumerable.Range(0, 3).Sum(i => vectors[k][i] * pca.Components[k, i]);
            Assert.IsTrue(Math.Abs(dot) > 0.99, $"component {k}: |dot| = {Math.Abs(dot)}");
        }
        // Projections: one matrix per trial, [T_trial × 3], with PC1 variance ≈ 1.6 over all samples.
        Assert.AreEqual(2, pca.Projections.Count);
        Assert.AreEqual(samples / 2, pca.Projections[0].Rows);
        double var1 = pca.Projections.SelectMany(p => p.Column(0)).Select(v => v * v).Average();
        Assert.AreEqual(pca.Eigenvalues[0], var1, 1e-6);
    }
}
