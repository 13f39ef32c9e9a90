using System.Diagnostics;
using System.Globalization;
using EiRnn.Core.Errors;

namespace EiRnn.Cli.Seeds;

/// <summary>What `train --seeds` runs per seed: the common `train` arguments (task, config, task files) and where to put the runs.</summary>
internal sealed record SeedRunRequest(IReadOnlyList<ulong> Seeds, string OutDir, int Parallel, IReadOnlyList<string> TrainArguments, bool Resume);

/// <summary>The exit of one seed's `train`.</summary>
internal sealed record SeedRunResult(ulong Seed, string Dir, int ExitCode);

/// <summary>
/// Trains each seed as its own child process `eirnn train --seed S --threads 1 --out DIR/seed-S`, at most
/// <see cref="SeedRunRequest.Parallel"/> at once. Child processes rather than threads of this one: LibTorch's thread count
/// is process-global (torch.set_num_threads), and a child is exactly the run `train --seed S --threads 1` is, so its
/// result is bitwise that run's by construction, not by an argument about LibTorch's thread safety; a crash or an
/// out-of-memory kill of one seed also leaves the others running. Each child's console output goes to DIR/seed-S/train.log.
/// </summary>
internal static class SeedRuns
{
    public const string LogFile = "train.log";

    public static string SeedDir(string outDir, ulong seed) => Path.Combine(outDir, "seed-" + seed.ToString(CultureInfo.InvariantCulture));

    public static async Task<IReadOnlyList<SeedRunResult>> RunAsync(SeedRunRequest request, TextWriter log, CancellationToken cancel)
    {
        var results = new SeedRunResult[request.Seeds.Count];
        using var slots = new SemaphoreSlim(request.Parallel, request.Parallel);
        var runs = request.Seeds.Select(async (seed, i) =>
        {
            await slots.WaitAsync(cancel).ConfigureAwait(false);
            try { results[i] = await RunOneAsync(request, seed, log, cancel).ConfigureAwait(false); }
            finally { slots.Release(); }
        }).ToArray();
        await Task.WhenAll(runs).ConfigureAwait(false);
        return results;
    }

    private static async Task<SeedRunResult> RunOneAsync(SeedRunRequest request, ulong seed, TextWriter log, CancellationToken cancel)
    {
        string dir = SeedDir(request.OutDir, seed);
        Directory.CreateDirectory(dir);
        var psi = SelfStartInfo();
        psi.ArgumentList.Add("train");
        foreach (var a in request.TrainArguments) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "--seed", seed.ToString(CultureInfo.InvariantCulture), "--threads", "1", "--out", dir })
            psi.ArgumentList.Add(a);
        if (request.Resume && File.Exists(Path.Combine(dir, "checkpoints", "last", "header.json"))) psi.ArgumentList.Add("--resume");
        var started = Stopwatch.StartNew();
        lock (log) log.WriteLine($"seed {seed}: training into {dir}");
        using var logFile = new StreamWriter(Path.Combine(dir, LogFile), append: request.Resume);
        using var process = Process.Start(psi) ?? throw new TrainingException($"seed {seed}: could not start {psi.FileName}");
        var output = Pump(process.StandardOutput, logFile);
        var error = Pump(process.StandardError, logFile);
        // Ctrl-C reaches the children through the terminal's process group; they save checkpoints/last and exit 130.
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(output, error).ConfigureAwait(false);
        lock (log) log.WriteLine($"seed {seed}: exit {process.ExitCode} after {started.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s (log: {Path.Combine(dir, LogFile)})");
        cancel.ThrowIfCancellationRequested();
        return new SeedRunResult(seed, dir, process.ExitCode);
    }

    private static async Task Pump(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
            lock (to) to.WriteLine(line);
    }

    /// <summary>This program again: the apphost directly, or `dotnet eirnn.dll` when run through the dotnet host.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        string host = Environment.ProcessPath ?? throw new TrainingException("cannot tell this program's path to start the seeds' runs");
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(typeof(SeedRuns).Assembly.Location);
        psi.Environment["NO_COLOR"] = "1";
        return psi;
    }
}
