using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

/// <summary>
/// The Ω term's gradient (docs/training.md#vanishing-gradient-regulariser-omega) against central finite differences of a plain C# Ω with the states
/// x and the loss gradients v frozen, as the spec prescribes.
/// </summary>
[TestClass]
public sealed class OmegaGradientTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void OmegaGradientMatchesFiniteDifferencesWithFrozenStates(bool derivativeAtCurrentStep)
    {
        var config = TinyNetworks.Pycog(n: 8).WithRate(r => r with { LambdaOmega = 1, OmegaDerivativeAtCurrentStep = derivativeAtCurrentStep });
        using var with = Trainer.Start(config, TinyNetworks.Task, ScalarType.Float64);
        using var without = Trainer.Start(config.WithRate(r => r with { LambdaOmega = 0 }), TinyNetworks.Task, ScalarType.Float64);
        var batch = TinyNetworks.TwoTrials();
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        var noiseIn = randn([batch.BatchSize, batch.Steps, 2], ScalarType.Float64, generator: gen);
        var noiseRec = randn([batch.BatchSize, batch.Steps, 8], ScalarType.Float64, generator: gen);
        var a = with.ComputeGradients(batch, noiseIn, noiseRec, with.Model.X0.expand(batch.BatchSize, 8));
        var b = without.ComputeGradients(batch, noiseIn, noiseRec, without.Model.X0.expand(batch.BatchSize, 8));
        int rec = with.Model.Trained().Select(p => p.Name).ToList().IndexOf("w_rec_pl");
        double[] omegaGrad = (a.Gradients[rec] - b.Gradients[rec]).contiguous().data<double>().ToArray();

        int n = 8, bt = (int)(batch.BatchSize * batch.Steps);
        double[] v = a.V!.contiguous().data<double>().ToArray();
        // f′ is evaluated at x_{t−1} (x_0 = x_init for t = 1) or, with the [Pc] option, at x_t: built here from the
        // rollout states, independently of the trainer's own bookkeeping.
        double[] states = a.Rollout.X.detach().contiguous().data<double>().ToArray();
        double[] x0 = with.Model.Parameters().X0.Select(x => (double)x).ToArray();
        int tSteps = (int)batch.Steps;
        var xd = new double[states.Length];
        for (int bb = 0; bb < batch.BatchSize; bb++)
            for (int k = 0; k < tSteps; k++)
                for (int j = 0; j < n; j++)
                    xd[(bb * tSteps + k) * n + j] = derivativeAtCurrentStep ? states[(bb * tSteps + k) * n + j]
                        : k == 0 ? x0[j] : states[(bb * tSteps + k - 1) * n + j];
        var p = with.Model.Parameters();
        double[] w = p.WRecPlastic.Select(x => (double)x).ToArray();
        double[] alpha = with.Spec.TauMs.Select(t => config.DtMs / t).ToArray();
        double[] sign = Enumerable.Range(0, n).Select(j => (double)with.Spec.Sign(j)).ToArray();

        double Omega(double[] wPl)
        {
            var wEff = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    wEff[i * n + j] = Math.Max(p.MaskRec[i * n + j] * wPl[i * n + j] + p.WRecFixed[i * n + j], 0) * sign[j];
            double sum = 0; int count = 0;
            for (int s = 0; s < bt; s++)
            {
                double vv = 0, aa = 0;
                for (int j = 0; j < n; j++) vv += v[s * n + j] * v[s * n + j];
                if (vv < 1e-20) continue;
                for (int j = 0; j < n; j++)
                {
                    double back = 0;
                    for (int i = 0; i < n; i++) back += alpha[i] * v[s * n + i] * wEff[i * n + j];
                    double aj = (1 - alpha[j]) * v[s * n + j] + back * (xd[s * n + j] > 0 ? 1 : 0);
                    aa += aj * aj;
                }
                sum += (aa / vv - 1) * (aa / vv - 1);
                count++;
            }
            return sum / count;
        }

        Assert.AreEqual(Omega(w), a.Omega, 1e-10, "Ω value: plain C# vs the trainer's");
        CheckLossGradientsWithRespectToStates(with, batch, noiseIn, noiseRec, v, config.DtMs);
        double worst = 0, largest = 0;
        for (int k = 0; k < w.Length; k++)
        {
            double h = 1e-6, original = w[k];
            w[k] = original + h; double plus = Omega(w);
            w[k] = original - h; double minus = Omega(w);
            w[k] = original;
            double fd = (plus - minus) / (2 * h);
            worst = Math.Max(worst, Math.Abs(fd - omegaGrad[k]));
            largest = Math.Max(largest, Math.Abs(fd));
        }
        Assert.IsTrue(largest > 1e-4, $"Ω gradient unexpectedly vanishes ({largest:G3})");
        Assert.IsTrue(worst <= 1e-6 * largest, $"max |autograd − finite difference| = {worst:G3} (largest {largest:G3})");
    }

    /// <summary>
    /// v_t = ∂L/∂x_t (total derivative through later steps), checked by finite differences on the recurrent
    /// noise: noise_rec[b,k,i] enters x_{k+1}[b,i] only, scaled by sqrt(2α_i)·σ_rec, so
    /// ∂L/∂x_{k+1}[b,i] = (∂L/∂noise_rec[b,k,i]) / (sqrt(2α_i)·σ_rec).
    /// </summary>
    private static void CheckLossGradientsWithRespectToStates(Trainer trainer, Tasks.Contract.TrialBatch batch, Tensor noiseIn, Tensor noiseRec, double[] v, double dtMs)
    {
        var spec = trainer.Spec;
        int n = spec.N, steps = batch.Steps;
        var loss = new Objective.TaskLoss(trainer.Config.Loss, trainer.Config.Rate.Output);
        var u = tensor(batch.Inputs, [batch.BatchSize, steps, batch.InputCount]).to_type(ScalarType.Float64);
        var y = tensor(batch.Targets, [batch.BatchSize, steps, batch.OutputCount]).to_type(ScalarType.Float64);
        var m = tensor(batch.Mask, [batch.BatchSize, steps, batch.OutputCount]).to_type(ScalarType.Float64);
        var lengths = tensor(batch.TrialSteps.Select(s => (double)s).ToArray());
        var flat = noiseRec.view(-1);
        double Loss()
        {
            using var noGrad = no_grad();
            using var s = NewDisposeScope();
            var roll = trainer.Model.Forward(u, noiseIn, noiseRec, trainer.Model.X0.expand(batch.BatchSize, n), dtMs);
            return loss.Compute(roll.Z, y, m, lengths).ToDouble();
        }
        int checkedEntries = 0;
        foreach (var (b, k, i) in new[] { (0, 0, 1), (0, 5, 3), (1, 10, 0), (1, steps - 2, 7), (0, steps - 1, 2) })
        {
            int idx = (b * steps + k) * n + i;
            double scale = Math.Sqrt(2 * dtMs / spec.TauMs[i]) * spec.SigmaRec, h = 1e-5, original = flat[idx].ToDouble();
            using (no_grad()) flat[idx] = original + h;
            double plus = Loss();
            using (no_grad()) flat[idx] = original - h;
            double minus = Loss();
            using (no_grad()) flat[idx] = original;
            double fd = (plus - minus) / (2 * h) / scale;
            Assert.AreEqual(fd, v[idx], 1e-7 + 1e-5 * Math.Abs(fd), $"v at trial {b}, step {k}, unit {i}");
            if (Math.Abs(fd) > 1e-6) checkedEntries++;
        }
        Assert.IsTrue(checkedEntries >= 3, "most checked v entries should be non-zero");
    }
}
