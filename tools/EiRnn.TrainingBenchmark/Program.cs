using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Tasks.Library;
using EiRnn.Training;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

// Training-step time for N = 100, B = 20, T = 100 (rdm-fixed, pycog preset) with and without Ω, next to a
// plain TorchSharp no-grad Euler loop of the same size measured in the same run. Usage:
//   dotnet run -c Release --project tools/EiRnn.TrainingBenchmark [-- --threads K --steps S]
int threads = 1, steps = 100;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--threads") threads = int.Parse(args[i + 1]);
    else if (args[i] == "--steps") steps = int.Parse(args[i + 1]);
}
TorchRuntime.Configure(threads);
const int N = 100, B = 20, T = 100;

var task = new RdmFixedTask();
var config = TrainConfigResolver.Defaults(task.Description, EiRnn.Core.Network.Preset.Pycog) with { Seed = 7 };
// The validation set starts with a catch trial (2000 ms = 100 steps at 20 ms), so every batch has T = 100.
var batch = task.ValidationBatch(B, 20f, new EiRnn.Core.Random.RandomStream(3));
if (batch.Steps != T) throw new InvalidOperationException($"expected T = {T}, got {batch.Steps}");

double Time(Action step, int count)
{
    for (int i = 0; i < Math.Max(3, count / 10); i++) step();    // warm-up
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < count; i++) step();
    return sw.Elapsed.TotalMilliseconds / count;
}

double baseline;
{
    // Plain loop: x ← (1−α)x + α(relu(x) Wᵀ + d_k) + noise_k, no autograd, same sizes.
    var w = randn(N, N).Times(0.1); var drive = randn(B, T, N); var noise = randn(B, T, N);
    baseline = Time(() =>
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var x = zeros(B, N);
        for (int k = 0; k < T; k++) x = x.Times(0.8).Plus(addmm(drive.select(1, k), x.relu(), w, 1, 1).Times(0.2)).Plus(noise.select(1, k));
    }, steps);
}
double Step(TrainConfig c)
{
    using var trainer = Trainer.Start(c, task);
    return Time(() => trainer.StepOn(batch), steps);
}
double noOmega = Step(config with { Network = config.Rate with { LambdaOmega = 0 } });
double withOmega = Step(config);
double forward;
{
    using var trainer = Trainer.Start(config, task);
    forward = Time(() => trainer.Validate(), Math.Max(1, steps / 20));
}
Console.WriteLine($"threads {threads}, N {N}, B {B}, T {T}, {steps} steps each");
Console.WriteLine($"plain TorchSharp no-grad forward : {baseline,8:F2} ms   1.00x");
Console.WriteLine($"training step, no Omega          : {noOmega,8:F2} ms   {noOmega / baseline:F2}x");
Console.WriteLine($"training step, with Omega        : {withOmega,8:F2} ms   {withOmega / baseline:F2}x");
Console.WriteLine($"validation (1100 trials, no-grad): {forward,8:F2} ms   {forward / baseline:F2}x");
