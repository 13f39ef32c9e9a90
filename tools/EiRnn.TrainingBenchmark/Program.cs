using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Core.Random;
using EiRnn.Tasks;
using EiRnn.Training;
using EiRnn.Training.Model;

// Training-step time of a task's pycog recipe at a chosen size, with and without Ω, against a plain TorchSharp
// forward + backward of the same Euler loop (PlainLoop.cs), all measured in one run. Usage:
//   dotnet run -c Release --project tools/EiRnn.TrainingBenchmark -- [--n 100 --batch 20 --time-steps 100]
//       [--task rdm-fixed|romo|...] [--steps 100] [--repeats 3] [--threads 1] [--profile]
// N = 500 with romo: --n 500 --time-steps 230. Contenders run round robin, each keeping its fastest repeat, so a
// slow spell of the shared machine touches all alike. Uses only APIs present at 1df30a3 (so the same source
// measures the base commit), except --profile (Profile.cs).
var o = Options.Parse(args);
TorchRuntime.Configure(o.Threads);
var task = TaskRegistry.BuiltIn().Create(o.Task);
var config = TrainConfigResolver.Defaults(task.Description, EiRnn.Core.Network.Preset.Pycog) with { Seed = 7, BatchSize = o.Batch };
config = config with { Network = config.Rate with { N = o.N } };
// The validation set starts with a catch trial; cut or padded to T steps.
var batch = BatchFitting.ToSteps(task.ValidationBatch(o.Batch, (float)config.DtMs, new RandomStream(3)), o.TimeSteps);

double Time(Action step, int count)
{
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < count; i++) step();
    return sw.Elapsed.TotalMilliseconds / count;
}

using var plain = new PlainLoop(o.N, batch.InputCount, batch.OutputCount, o.Batch, o.TimeSteps);
using var noOmega = Trainer.Start(config with { Network = config.Rate with { LambdaOmega = 0 } }, task);
using var withOmega = Trainer.Start(config, task);
if (o.Profile)
{
    Profile.Run(o, config, batch, noOmega, withOmega, Time);
    return;
}
int validationSteps = Math.Max(1, o.Steps / 20);
var contenders = new (string Name, Action Run, int Count)[]
{
    ("plain forward + backward (baseline)", plain.ForwardBackward, o.Steps),
    ("training step, no Omega", () => noOmega.StepOn(batch), o.Steps),
    ("training step, with Omega", () => withOmega.StepOn(batch), o.Steps),
    ("plain no-grad forward", plain.Forward, o.Steps),
    ($"validation ({config.ValidationTrials} trials, no-grad)", () => withOmega.Validate(), validationSteps),
};
foreach (var c in contenders) Time(c.Run, c.Count == 1 ? 1 : Math.Max(2, c.Count / 10));   // warm-up
var best = contenders.Select(_ => double.PositiveInfinity).ToArray();
for (int r = 0; r < o.Repeats; r++)
    for (int i = 0; i < contenders.Length; i++)
        best[i] = Math.Min(best[i], Time(contenders[i].Run, contenders[i].Count));

Console.WriteLine($"task {o.Task}, threads {o.Threads}, N {o.N}, B {o.Batch}, T {o.TimeSteps}, {o.Steps} steps x {o.Repeats} repeats (fastest)");
for (int i = 0; i < contenders.Length; i++)
    Console.WriteLine($"{contenders[i].Name,-40}: {best[i],9:F2} ms   {best[i] / best[0],6:F2}x baseline");
Console.WriteLine($"{"Omega step / no-Omega step",-40}: {best[2] / best[1],6:F2}x");
Console.WriteLine($"{$"validation amortised over {config.EffectiveValidationEvery} updates",-40}: {best[4] / config.EffectiveValidationEvery,9:F2} ms per update");
// Fingerprints of the trained weights after every timed update (the count is fixed by --steps and --repeats), to
// compare builds: the no-Omega path must give the same bits as at 1df30a3.
Console.WriteLine($"{"weights SHA-256, no Omega / with Omega",-40}: {Fingerprint(noOmega)} / {Fingerprint(withOmega)}");

static string Fingerprint(Trainer t)
{
    var p = t.Model.Parameters();
    var all = new[] { p.WInPlastic, p.WRecPlastic, p.WOutPlastic, p.BRec, p.BOut, p.X0 }.SelectMany(a => a).ToArray();
    var bytes = new byte[all.Length * sizeof(float)];
    Buffer.BlockCopy(all, 0, bytes, 0, bytes.Length);
    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
}
