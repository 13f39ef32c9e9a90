using EiRnn.Core.Config;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Tests;

/// <summary>Autograd gradients (float64) against central finite differences of the same objective.</summary>
[TestClass]
public sealed class GradientCheckTests
{
    private static void CheckAgainstFiniteDifferences(TrainConfig config)
    {
        using var trainer = Trainer.Start(config, TinyNetworks.Task, ScalarType.Float64);
        var batch = TinyNetworks.TwoTrials();
        var gen = new Generator(123);
        using var scope = NewDisposeScope();
        var noiseIn = randn([batch.BatchSize, batch.Steps, trainer.Spec.Nin], ScalarType.Float64, generator: gen);
        var noiseRec = randn([batch.BatchSize, batch.Steps, trainer.Spec.N], ScalarType.Float64, generator: gen);
        var model = trainer.Model;
        Tensor XInit() => model.X0.expand(batch.BatchSize, trainer.Spec.N);
        var grads = trainer.ComputeGradients(batch, noiseIn, noiseRec, XInit()).Gradients;

        var loss = new TaskLoss(config.Loss, config.Rate.Output);
        var regs = new WeightAndRateRegularisers(config.Rate);
        var u = tensor(batch.Inputs, [batch.BatchSize, batch.Steps, batch.InputCount]).to_type(ScalarType.Float64);
        var y = tensor(batch.Targets, [batch.BatchSize, batch.Steps, batch.OutputCount]).to_type(ScalarType.Float64);
        var m = tensor(batch.Mask, [batch.BatchSize, batch.Steps, batch.OutputCount]).to_type(ScalarType.Float64);
        var steps = tensor(batch.TrialSteps.Select(s => (double)s).ToArray());
        double Objective()
        {
            using var noGrad = no_grad();
            using var s = NewDisposeScope();
            var roll = model.Forward(u, noiseIn, noiseRec, XInit(), config.DtMs);
            var total = loss.Compute(roll.Z, y, m, steps);
            if (regs.Compute(model, roll.R) is { } r) total = total + r;
            return total.ToDouble();
        }

        var trained = model.Trained();
        Assert.AreEqual(trained.Count, grads.Length);
        for (int p = 0; p < trained.Count; p++)
        {
            var (name, param) = trained[p];
            var flat = param.detach().view(-1);
            var g = grads[p].contiguous().view(-1);
            double worst = 0, scale = 1e-8;
            for (int k = 0; k < flat.shape[0]; k++)
            {
                double original = flat[k].ToDouble(), h = 1e-6 * Math.Max(1, Math.Abs(original));
                using (no_grad()) flat[k] = original + h;
                double plus = Objective();
                using (no_grad()) flat[k] = original - h;
                double minus = Objective();
                using (no_grad()) flat[k] = original;
                double fd = (plus - minus) / (2 * h), ad = g[k].ToDouble();
                worst = Math.Max(worst, Math.Abs(fd - ad));
                scale = Math.Max(scale, Math.Abs(fd));
            }
            Assert.IsTrue(worst <= 1e-6 * scale + 1e-9, $"{name}: max |autograd − finite difference| = {worst:G3} (largest gradient {scale:G3})");
        }
    }

    [TestMethod]
    public void DaleNetworkLossAndRegularisersMatchFiniteDifferences() =>
        CheckAgainstFiniteDifferences(TinyNetworks.Pycog(n: 8).WithRate(r => r with
        {
            LambdaOmega = 0, TrainRecurrentBias = true, TrainOutputBias = true,
            L1In = 0.01, L1Rec = 0.02, L1Out = 0.03, L2In = 0.04, L2Rec = 0.05, L2Out = 0.06, L2Rate = 0.07,
        }));

    [TestMethod]
    public void PsychrnnRecipeWithEffectiveWeightRegularisersMatchesFiniteDifferences() =>
        CheckAgainstFiniteDifferences(TrainConfigResolver.Defaults(TinyNetworks.Task.Description, Core.Network.Preset.Psychrnn).WithRate(r => r with
        {
            N = 8, SigmaRec = 0.1, Output = Core.Network.OutputNonlinearity.Sigmoid, L1Rec = 0.02, L2Out = 0.03, L2Rate = 0.05,
        }) with { DtMs = 50, BatchSize = 2, Seed = 4 });
}
