using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Tasks.Contract;
using EiRnn.Training;
using EiRnn.Training.Model;
using EiRnn.Training.Objective;
using EiRnn.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// --profile: the phases of one update timed one by one from the public pieces the trainer composes (noise,
/// forward + loss, backward, the extra outputs Ω needs, Ω and its gradient, clipping, optimiser), next to the
/// whole steps, so that the remainder is what the step adds around them. Validation is amortised over its interval.
/// </summary>
internal static class Profile
{
    public static void Run(Options o, TrainConfig config, TrialBatch batch, Trainer noOmega, Trainer withOmega, Func<Action, int, double> time)
    {
        var net = withOmega.Model;
        var loss = new TaskLoss(config.Loss, config.Rate.Output);
        var trained = net.Trained().Select(p => (Tensor)p.Value).ToArray();
        Tensor T(float[] a, int w) => tensor(a, [batch.BatchSize, batch.Steps, w]).DetachFromDisposeScope();
        using var u = T(batch.Inputs, batch.InputCount);
        using var target = T(batch.Targets, batch.OutputCount);
        using var mask = T(batch.Mask, batch.OutputCount);
        using var lengths = tensor(batch.TrialSteps.Select(s => (float)s).ToArray());
        using var noiseIn = randn(batch.BatchSize, batch.Steps, batch.InputCount);
        using var noiseRec = randn(batch.BatchSize, batch.Steps, o.N);
        using var generator = new Generator(5);
        (Rollout R, Tensor L) Forward() => net.Forward(u, noiseIn, noiseRec, net.X0.expand(batch.BatchSize, o.N), config.DtMs) is var r
            ? (r, loss.Compute(r.Z, target, mask, lengths)) : default;
        // The Ω step's inputs once, as constants for its phases: v = ∂L/∂x_t, the back-projection (α⊙v_t) W_rec, the
        // states and the rates r_{t−1}.
        Tensor v, backProjection, x, rates, alpha;
        using (NewDisposeScope())
        {
            alpha = net.Alpha(config.DtMs).MoveToOuterDisposeScope();
            var (r, l) = Forward();
            var g = autograd.grad([l], [.. r.Steps, .. r.StepRates]);
            v = stack(g.Take(r.Steps.Length).ToArray(), 1).detach().MoveToOuterDisposeScope();
            backProjection = stack(g.Skip(r.Steps.Length).ToArray(), 1).detach().MoveToOuterDisposeScope();
            x = r.X.detach().MoveToOuterDisposeScope();   // where f′ is taken does not change the time
            rates = stack(r.StepRates, 1).detach().MoveToOuterDisposeScope();
        }
        var wRecPlastic = net.WRecPlastic;
        int rec = Array.FindIndex(trained, t => t.Handle == wRecPlastic.Handle);
        var others = trained.Where((_, i) => i != rec).ToArray();
        var grads = trained.Select(p => zeros_like(p)).ToArray();
        using var sgd = ParameterOptimiser.Create(net.Trained(), config with { Optimiser = OptimiserKind.Sgd, LearningRate = 0 });

        void Scoped(Action a) { using var s = NewDisposeScope(); a(); }
        var phases = new (string Name, Action Run)[]
        {
            ("noise (randn [B,T,Nin] + [B,T,N])", () => Scoped(() => { randn([batch.BatchSize, batch.Steps, batch.InputCount], generator: generator); randn([batch.BatchSize, batch.Steps, o.N], generator: generator); })),
            ("forward + loss (graph built)", () => Scoped(() => Forward())),
            ("forward + loss + backward to params", () => Scoped(() => { var (_, l) = Forward(); autograd.grad([l], trained); })),
            ("Omega step's fwd + bwd to θ, v, (α⊙v)W_rec", () => Scoped(() =>
            {
                var roll = net.Forward(u, noiseIn, noiseRec, net.X0.expand(batch.BatchSize, o.N), config.DtMs, net.RecurrentWeights().detach());
                autograd.grad([loss.Compute(roll.Z, target, mask, lengths)], [.. others, .. roll.Steps, .. roll.StepRates]);
            })),
            ("Omega + its gradient (closed form)", () => Scoped(() => VanishingGradientRegulariser.WithGradient(v, backProjection, x, alpha, net.Spec.Hidden, 2))),
            ("W_rec gradient: product + chain to W_rec^pl", () => Scoped(() =>
            {
                var wRec = net.RecurrentWeights();
                var product = matmul(alpha.mul(v).reshape(-1, o.N).t(), rates.Plus(backProjection).reshape(-1, o.N));
                autograd.grad([wRec], [wRecPlastic], [product]);
            })),
            ("gradient norm + clipping", () => GradientSafeguard.Clip(grads, config.Clipping, config.MaxGradNorm)),
            ("optimiser (SGD)", () => sgd.Step(grads)),
            ("whole step, no Omega", () => noOmega.StepOn(batch)),
            ("whole step, with Omega", () => withOmega.StepOn(batch)),
        };
        var best = phases.Select(_ => double.PositiveInfinity).ToArray();
        foreach (var p in phases) time(p.Run, 2);
        for (int r = 0; r < o.Repeats; r++)
            for (int i = 0; i < phases.Length; i++) best[i] = Math.Min(best[i], time(phases[i].Run, o.Steps));
        double validation = time(() => withOmega.Validate(), 1) / config.EffectiveValidationEvery;

        Console.WriteLine($"profile: task {o.Task}, N {o.N}, B {o.Batch}, T {o.TimeSteps}, fastest of {o.Repeats} x {o.Steps}");
        for (int i = 0; i < phases.Length; i++) Console.WriteLine($"  {phases[i].Name,-44} {best[i],9:F2} ms");
        double fwd = best[1], bwd = best[2] - best[1], omegaBackward = best[3] - best[1], omega = best[4] + best[5];
        double rest0 = best[8] - best[0] - best[2] - best[6] - best[7];
        double rest1 = best[9] - best[0] - best[3] - best[4] - best[5] - best[6] - best[7];
        Console.WriteLine($"  derived: forward {fwd:F2}, backward {bwd:F2} (Omega step's {omegaBackward:F2}), Omega's own work {omega:F2} ms;" +
            $" unaccounted in step: {rest0:F2} (no Omega), {rest1:F2} (Omega); validation amortised {validation:F2} ms/update");
        v.Dispose(); backProjection.Dispose(); x.Dispose(); rates.Dispose(); alpha.Dispose();
        foreach (var g in grads) g.Dispose();
    }

}
