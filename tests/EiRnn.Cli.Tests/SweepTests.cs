using System.Diagnostics;
using System.Globalization;
using System.Text;
using EiRnn.Core.Random;
using EiRnn.Data.Reading;
using EiRnn.Onnx.Export;
using EiRnn.TestSupport;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `eirnn sweep` as a child process on a small random rdm-fixed-shaped Dale network: an uninterrupted run is
/// the reference for a run killed (SIGKILL) several times and resumed, and for two shards run separately.
/// Rows are compared through DatasetReader, sorted by trial.
/// </summary>
[TestClass]
public sealed class SweepTests
{
    private const string Spec = """
        {
          "trials_per_condition": 3, "trials_per_unit": 2, "conditions": [0, 5, 10], "seeds": [4],
          "dt_ms": 20, "dt_save_ms": 40, "save": ["z", "r"],
          "perturbations": [
            { "id": "no-i", "lesions": [ { "population": { "type": "I" }, "window": { "period": "stimulus" } } ] },
            { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": 0.5 } ] },
          ],
        }
        """;

    private static string _root = "", _model = "", _spec = "", _reference = "";

    [ClassInitialize]
    public static void Setup(TestContext _)
    {
        _root = Path.Combine(Path.GetTempPath(), $"eirnn-sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        _model = Path.Combine(_root, "model.onnx");
        ModelExporter.Save(RandomDaleNetwork.Create(5), _model);
        _spec = Path.Combine(_root, "sweep.json");
        File.WriteAllText(_spec, Spec);
        _reference = Path.Combine(_root, "reference");
        var r = CliProcess.Run("sweep", "--model", _model, "--spec", _spec, "--out", _reference);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void AKilledAndResumedSweepHasExactlyTheRowsOfAnUninterruptedOne()
    {
        string dir = Path.Combine(_root, "killed");
        var rng = new RandomStream(2024);
        int killedMidRun = 0;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            bool killed = StartAndKill(dir, TimeSpan.FromMilliseconds(rng.Uniform(700, 2500)));
            if (killed) killedMidRun++;
            AssertNoVisiblePartialFile(dir);
        }
        var r = CliProcess.Run("sweep", "--model", _model, "--spec", _spec, "--out", dir);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        Assert.IsTrue(killedMidRun >= 1, "no kill landed while the sweep was running; the test proved nothing");
        Assert.AreEqual(Rows(_reference), Rows(dir));
    }

    [TestMethod]
    public void TwoShardsRunSeparatelyGiveTheRowsOfOneUnshardedRun()
    {
        string dir = Path.Combine(_root, "sharded");
        foreach (var shard in new[] { "1", "0" })
        {
            var r = CliProcess.Run("sweep", "--model", _model, "--spec", _spec, "--out", dir, "--shard", shard, "--shard-count", "2");
            Assert.AreEqual(0, r.ExitCode, r.StdErr);
        }
        Assert.AreEqual(Rows(_reference), Rows(dir));
        var status = CliProcess.Run("sweep", "--status", "--out", dir, "--model", _model, "--spec", _spec);
        Assert.AreEqual(0, status.ExitCode, status.StdErr);
        StringAssert.Contains(status.StdOut, "2 of 2 shards complete");
        // 3 perturbations x 3 conditions x 2 blocks = 18 units: 9 per shard.
        StringAssert.Matches(status.StdOut, new System.Text.RegularExpressions.Regex(@"\n\s+0\s+yes\s+9\s+9\s"));
    }

    [TestMethod]
    public void EveryPerturbationSeesTheControlsTrialsAndNoise()
    {
        var reader = DatasetReader.Open(_reference);
        string Seeds(string p) => string.Join(",", Trials(reader, p).Select(t => t.Seed).Order());
        Assert.AreEqual(Seeds("control"), Seeds("no-i"));
        Assert.AreEqual(Seeds("control"), Seeds("ei"));
        Assert.AreEqual(9, Trials(reader, "control").Select(t => t.Seed).Distinct().Count(), "3 conditions x 3 repetitions, each its own noise");
    }

    [TestMethod]
    public void ABadSpecFailsBeforeAnyTrialNamingTheField()
    {
        string spec = Path.Combine(_root, "bad.json");
        File.WriteAllText(spec, """{ "perturbations": [ { "id": "x", "weight_scales": [ { "block": "E->X", "factor": 0.5 } ] } ] }""");
        string dir = Path.Combine(_root, "bad");
        var r = CliProcess.Run("sweep", "--model", _model, "--spec", spec, "--out", dir);
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "perturbations[0].weight_scales[0].block");
        Assert.IsFalse(Directory.Exists(dir), "nothing may be written for an invalid spec");
    }

    /// <summary>Starts a sweep and SIGKILLs it after <paramref name="after"/>; true when it was still running.</summary>
    private static bool StartAndKill(string dir, TimeSpan after)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "eirnn.dll"), "sweep", "--model", _model, "--spec", _spec, "--out", dir })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (p.WaitForExit(after)) return false;
        p.Kill(entireProcessTree: true); // SIGKILL
        p.WaitForExit();
        return true;
    }

    /// <summary>Every non-hidden file in the part folders is a whole Parquet file (PAR1 at both ends).</summary>
    private static void AssertNoVisiblePartialFile(string dir)
    {
        foreach (string table in new[] { "trials", "timeseries" })
        {
            string folder = Path.Combine(dir, table);
            if (!Directory.Exists(folder)) continue;
            foreach (string f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                string name = Path.GetFileName(f);
                if (name.StartsWith('.')) { StringAssert.StartsWith(name, ".part-", $"hidden temp file {f}"); continue; }
                byte[] bytes = File.ReadAllBytes(f);
                Assert.IsTrue(bytes.Length > 8 && Encoding.ASCII.GetString(bytes, 0, 4) == "PAR1" && Encoding.ASCII.GetString(bytes, bytes.Length - 4, 4) == "PAR1",
                    $"visible partial file {f}");
            }
        }
    }

    private static List<TrialRecord> Trials(DatasetReader reader, string perturbation)
    {
        var list = new List<TrialRecord>();
        var e = reader.ReadTrialsAsync(perturbation).GetAsyncEnumerator();
        while (e.MoveNextAsync().AsTask().Result) list.Add(e.Current);
        return list;
    }

    /// <summary>Every row of every perturbation (trials and time series), sorted by trial, as text.</summary>
    private static string Rows(string dir)
    {
        var reader = DatasetReader.Open(dir);
        var sb = new StringBuilder();
        foreach (string p in reader.Perturbations)
        {
            foreach (var t in Trials(reader, p).OrderBy(t => t.Trial))
                sb.AppendLine(CultureInfo.InvariantCulture, $"{p} {t.Trial} {t.Seed} {t.Outcome} {string.Join(";", t.Periods)} {string.Join(";", Enumerable.Range(0, t.Conditions.Columns.Count).Select(c => t.Conditions[c].ToString()))}");
            var series = new SortedDictionary<long, string>();
            var e = reader.ReadTimeseriesAsync(p).GetAsyncEnumerator();
            while (e.MoveNextAsync().AsTask().Result)
                for (int i = 0; i < e.Current.Count; i++)
                    series.Add(e.Current.Trial[i], string.Join(",", e.Current.ZOf(i).ToArray().Concat(e.Current.ROf(i).ToArray()).Select(v => BitConverter.SingleToInt32Bits(v))));
            foreach (var (trial, values) in series) sb.AppendLine(CultureInfo.InvariantCulture, $"{p} {trial} {values}");
        }
        Assert.AreEqual(3, reader.Perturbations.Count);
        return sb.ToString();
    }
}
