using System.Diagnostics;
using System.Globalization;
using EiRnn.CurriculumReport;
using EiRnn.Tasks;
using EiRnn.Training;
using EiRnn.Training.Model;

// Curriculum report (docs/training.md#curriculum-learning), not a test: perceptual-discrimination, psychrnn preset, N_rec 50, N_batch 50,
// dt 10 ms, trained with the coherence curriculum 0.7 -> 0.5 -> 0.3 -> 0.1 versus directly on 0.1; prints the
// training trials until every stage passed (accuracy >= 0.9 on a fresh batch, checked after every batch).
// Usage: dotnet run -c Release --project tools/EiRnn.CurriculumReport [-- --seeds 3 --max-trials 100000]
int seeds = 3;
long maxTrials = 100_000;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--seeds") seeds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    else if (args[i] == "--max-trials") maxTrials = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
    else { Console.Error.WriteLine($"unknown option {args[i]}; options: --seeds N, --max-trials N"); return 2; }
}
TorchRuntime.Configure(1);
var registry = TaskRegistry.BuiltIn();
ReportCase[] cases = [ReportCase.Curriculum(maxTrials), ReportCase.Direct(maxTrials)];

string Cell(long? trials) => trials is long t ? t.ToString("N0", CultureInfo.InvariantCulture) : $"> {maxTrials:N0}";
var rows = new List<string>();
var totals = cases.ToDictionary(c => c.Name, _ => new List<long?>());
for (int seed = 1; seed <= seeds; seed++)
{
    var cells = new List<string> { seed.ToString(CultureInfo.InvariantCulture) };
    foreach (var c in cases)
    {
        var config = TrainConfigResolver.Resolve(c.ConfigJson, "perceptual-discrimination", (ulong)seed, registry, c.Name);
        var clock = Stopwatch.StartNew();
        using var trainer = Trainer.Start(TrainConfigResolver.Setup(config, registry));
        while (!trainer.CurriculumCompleted && trainer.Trials < maxTrials) trainer.Step();
        long? passed = trainer.CurriculumCompleted ? trainer.StageRecords[^1].TrialsAtPass : null;
        totals[c.Name].Add(passed);
        string stages = string.Join(" / ", trainer.StageRecords.Where(s => s.Passed).Select(s => (s.TrialsAtPass!.Value - s.TrialsAtEntry).ToString("N0", CultureInfo.InvariantCulture)));
        cells.Add(Cell(passed) + (cases.Length > 1 && c.Name == "curriculum" ? $" ({stages})" : ""));
        Console.Error.WriteLine($"seed {seed} {c.Name}: {Cell(passed)} trials, {clock.Elapsed.TotalSeconds:F1} s");
    }
    rows.Add("| " + string.Join(" | ", cells) + " |");
}

Console.WriteLine("Trials to pass (perceptual-discrimination, psychrnn preset, N_rec 50, N_batch 50, dt 10 ms, 1 LibTorch thread;");
Console.WriteLine("accuracy >= 0.9 on a fresh batch after every batch). Curriculum: coherence 0.7, 0.5, 0.3, 0.1 (trials per stage");
Console.WriteLine("in brackets). Direct: coherence 0.1 only.");
Console.WriteLine();
Console.WriteLine("| seed | curriculum: all stages passed | direct: accuracy 0.9 on coherence 0.1 |");
Console.WriteLine("|---|---|---|");
rows.ForEach(Console.WriteLine);
string Median(List<long?> v) => v.All(x => x is not null)
    ? v.Select(x => x!.Value).Order().ElementAt(v.Count / 2).ToString("N0", CultureInfo.InvariantCulture) + (v.Count % 2 == 0 ? " (upper)" : "")
    : "n/a (a run hit the cap)";
Console.WriteLine($"| median | {Median(totals["curriculum"])} | {Median(totals["direct"])} |");
return 0;
