using System.Globalization;
using EiRnn.SimulationBenchmark;

// Simulation throughput in unit-steps per second (B x T x N / s), every contender doing the same work
// (noise included, same threads, same chunking), printed as ratios to the ORT runner of the same process.
// Usage: dotnet run -c Release --project tools/EiRnn.SimulationBenchmark -- [--n 150] [--trials 1000]
//        [--steps 1000] [--threads 1,2] [--trials-per-chunk 500] [--steps-per-chunk 250] [--dt 0.5]
//        [--model FILE.onnx]  (a contract model instead of the generated random Dale network)
//        [--write-model FILE.onnx]  (only write the generated benchmark model, e.g. for other runtimes)
var options = BenchmarkOptions.Parse(args);
string workDir = Directory.CreateTempSubdirectory("eirnn-bench-").FullName;
try
{
    if (options.WriteModelPath is { } target)
    {
        File.Copy(BenchmarkModels.ScaledContractModel(options.N, seed: 1, workDir).Path, target, overwrite: true);
        Console.WriteLine($"wrote {target} (N = {options.N})");
        return;
    }
    var (modelPath, net) = options.ModelPath is { } given
        ? (given, (DaleNetwork?)null)
        : BenchmarkModels.ScaledContractModel(options.N, seed: 1, workDir);
    int n = net?.N ?? EiRnn.Simulation.Model.SimulationModel.Read(modelPath).N;
    var blocks = BenchmarkCase.MakeBlocks(options.Trials, options.Steps, options.TrialsPerChunk, options.DtMs);
    // The lead adds the TorchSharp forward here (a contender in a project that may reference TorchSharp).
    IContender[] contenders = [new OrtRunnerContender(), new OrtRunnerContender(timeMajor: false), new TorchSharpContender(), new PlainLoopContender(), new GemmBoundContender(), new NoiseOnlyContender()];
    Console.WriteLine($"N = {n}, B = {options.Trials}, T = {options.Steps}, dt = {options.DtMs} ms, chunks {options.TrialsPerChunk} trials x {options.StepsPerChunk} steps");
    Console.WriteLine($"model: {(options.ModelPath ?? $"random Dale network in the contract example's graph (N = {n})")}");
    foreach (int threads in options.Threads)
    {
        var c = new BenchmarkCase(n, options.Trials, options.Steps, threads, options.TrialsPerChunk, options.StepsPerChunk,
            options.DtMs, modelPath, net, blocks, NoiseSeed: 7);
        Console.WriteLine($"\nthreads = {threads}");
        double? baseline = null;
        foreach (var contender in contenders)
        {
            if (contender.CannotRun(c) is { } why) { Console.WriteLine($"  {contender.Name,-32} skipped: {why}"); continue; }
            double seconds = contender.Run(c).TotalSeconds, rate = c.UnitSteps / seconds;
            baseline ??= rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {contender.Name,-32} {seconds,8:F2} s  {rate / 1e6,8:F1} M unit-steps/s  x{rate / baseline.Value,5:F2} vs ORT runner"));
            if (contender is OrtRunnerContender ort) Console.WriteLine($"    {ort.Breakdown}");
        }
    }
}
finally
{
    Directory.Delete(workDir, recursive: true);
}

internal sealed record BenchmarkOptions(int N, int Trials, int Steps, int[] Threads, int TrialsPerChunk, int StepsPerChunk, float DtMs, string? ModelPath)
{
    public string? WriteModelPath { get; init; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions(150, 1000, 1000, [1, 2], 500, 250, 0.5f, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--n" => o with { N = Int() },
                "--trials" => o with { Trials = Int() },
                "--steps" => o with { Steps = Int() },
                "--threads" => o with { Threads = Next().Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray() },
                "--trials-per-chunk" => o with { TrialsPerChunk = Int() },
                "--steps-per-chunk" => o with { StepsPerChunk = Int() },
                "--dt" => o with { DtMs = float.Parse(Next(), CultureInfo.InvariantCulture) },
                "--model" => o with { ModelPath = Path.GetFullPath(Next()) },
                "--write-model" => o with { WriteModelPath = Path.GetFullPath(Next()) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
