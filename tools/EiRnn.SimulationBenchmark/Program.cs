using System.Globalization;
using EiRnn.SimulationBenchmark;

// Simulation throughput in unit-steps per second (B x T x N / s), every contender doing the same work
// (noise included, same threads, same chunking), printed as ratios to the ORT runner of the same process.
// Usage: dotnet run -c Release --project tools/EiRnn.SimulationBenchmark -- [--n 150] [--trials 1000]
//        [--steps 1000] [--threads 1,2] [--trials-per-chunk 500] [--steps-per-chunk 250] [--dt 0.5]
//        [--model FILE.onnx]  (a contract model instead of the generated random Dale network; ORT contenders only)
//        [--write-model FILE.onnx]  (only write the generated benchmark model, e.g. for other runtimes)
//        [--skip WORD,...]  (leave out contenders whose names contain a word, e.g. --skip TorchSharp,C#)
//        [--repeat R]  (R rounds, each running every contender once; each keeps its fastest run; default 1)
//        [--save z|z,r]  (saved series of the ORT runners: z only, or z and r every 10th step; default z,r)
var options = BenchmarkOptions.Parse(args);
string workDir = Directory.CreateTempSubdirectory("eirnn-bench-").FullName;
try
{
    var generated = DaleNetwork.Random(options.N, nin: 3, nout: 2, seed: 1);
    if (options.WriteModelPath is { } target)
    {
        File.Copy(BenchmarkModels.ExportedModel(generated, options.DtMs, workDir), target, overwrite: true);
        Console.WriteLine($"wrote {target} (N = {options.N})");
        return;
    }
    var (modelPath, net) = options.ModelPath is { } given
        ? (given, (DaleNetwork?)null)
        : (BenchmarkModels.ExportedModel(generated, options.DtMs, workDir), generated);
    int n = net?.N ?? EiRnn.Simulation.Model.SimulationModel.Read(modelPath).N;
    var blocks = BenchmarkCase.MakeBlocks(options.Trials, options.Steps, options.TrialsPerChunk, options.DtMs);
    var ort = new OrtRunnerContender("ORT runner (TrialSimulator)");
    var torch = new TorchSharpContender();
    var loop = new PlainLoopContender();
    var gemm = new GemmBoundContender();
    var contenders = new List<IContender> { ort, new OrtRunnerContender("ORT runner, file's [B,T] graph", timeMajor: false) };
    if (net is not null)
        contenders.Add(new OrtRunnerContender("ORT runner, contract-example graph", modelPath: BenchmarkModels.ScaledContractModel(n, seed: 1, workDir).Path));
    contenders.AddRange([torch, loop, gemm, new NoiseOnlyContender()]);
    contenders.RemoveAll(x => options.Skip.Any(skip => x.Name.Contains(skip, StringComparison.OrdinalIgnoreCase)));
    Console.WriteLine($"N = {n}, B = {options.Trials}, T = {options.Steps}, dt = {options.DtMs} ms, chunks {options.TrialsPerChunk} trials x {options.StepsPerChunk} steps");
    Console.WriteLine($"model: {(options.ModelPath ?? $"random Dale network (N = {n}) exported by ModelExporter")}");
    foreach (int threads in options.Threads)
    {
        var c = new BenchmarkCase(n, options.Trials, options.Steps, threads, options.TrialsPerChunk, options.StepsPerChunk,
            options.DtMs, modelPath, net, blocks, NoiseSeed: 7) { SaveRates = options.SaveRates };
        Console.WriteLine($"\nthreads = {threads}");
        // Round robin: every repeat runs each contender once, so a slow spell of a shared machine touches all of
        // them alike, and each keeps its fastest run (other processes only ever make a run slower).
        var runnable = contenders.Where(x => x.CannotRun(c) is null).ToList();
        foreach (var contender in contenders.Except(runnable))
            Console.WriteLine($"  {contender.Name,-36} skipped: {contender.CannotRun(c)}");
        var fastest = runnable.ToDictionary(x => x, _ => (Seconds: double.MaxValue, Breakdown: ""));
        for (int r = 0; r < options.Repeat; r++)
            foreach (var contender in runnable)
            {
                // Progress on stderr (the table on stdout comes when every round is done).
                Console.Error.Write($"\r  round {r + 1}/{options.Repeat}: {contender.Name,-36}");
                double run = contender.Run(c).TotalSeconds;
                if (run < fastest[contender].Seconds) fastest[contender] = (run, (contender as OrtRunnerContender)?.Breakdown ?? "");
            }
        Console.Error.Write($"\r{new string(' ', 60)}\r");
        var rates = runnable.ToDictionary(x => x, x => c.UnitSteps / fastest[x].Seconds);
        foreach (var contender in runnable)
        {
            var (seconds, breakdown) = fastest[contender];
            double rate = rates[contender], baseline = rates.GetValueOrDefault(ort, rate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {contender.Name,-36} {seconds,8:F2} s  {rate / 1e6,8:F1} M unit-steps/s  x{rate / baseline,5:F2} vs ORT runner"));
            if (breakdown.Length > 0) Console.WriteLine($"    {breakdown}");
        }
        string Ratio(string label, IContender a, IContender b) =>
            rates.TryGetValue(a, out double x) && rates.TryGetValue(b, out double y) ? string.Create(CultureInfo.InvariantCulture, $"{label} {x / y:F2}") : $"{label} -";
        Console.WriteLine($"  ratios: {Ratio("ORT/TorchSharp", ort, torch)}, {Ratio("ORT/GEMM bound", ort, gemm)}, {Ratio("C# loop/GEMM bound", loop, gemm)}");
    }
}
finally
{
    Directory.Delete(workDir, recursive: true);
}

internal sealed record BenchmarkOptions(int N, int Trials, int Steps, int[] Threads, int TrialsPerChunk, int StepsPerChunk, float DtMs, string? ModelPath)
{
    public string? WriteModelPath { get; init; }
    public string[] Skip { get; init; } = [];
    public int Repeat { get; init; } = 1;
    public bool SaveRates { get; init; } = true;

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
                "--skip" => o with { Skip = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--repeat" => o with { Repeat = Math.Max(1, Int()) },
                "--save" => o with { SaveRates = Next() switch { "z" => false, "z,r" => true, var v => throw new ArgumentException($"--save must be z or z,r, got {v}") } },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }
}
