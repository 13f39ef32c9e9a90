using EiRnn.Cli.Seeds;
using EiRnn.Core.Errors;

namespace EiRnn.Cli.Tests.Seeds;

/// <summary>docs/training.md#seeds: `train --seeds` gives each seed exactly the run of `train --seed S --threads 1`, and a report.</summary>
[TestClass]
public sealed class TrainSeedsTests
{
    private const string Config = """{ "network": { "type": "rate", "n": 20 }, "max_trials": 60, "validation_trials": 22, "validation_every": 1 }""";

    [TestMethod]
    public void EachSeedIsBitwiseTheSingleSeedRun() => TempFolder.Run("eirnn-seeds-", dir =>
    {
        string cfg = Path.Combine(dir, "cfg.json"), seedsDir = Path.Combine(dir, "seeds");
        File.WriteAllText(cfg, Config);
        var r = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--seeds", "3,5", "--threads", "2", "--out", seedsDir);
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        foreach (var seed in new[] { "3", "5" })
        {
            string single = Path.Combine(dir, "single-" + seed);
            var s = CliProcess.Run("train", "--task", "rdm-fixed", "--config", cfg, "--seed", seed, "--threads", "1", "--out", single);
            Assert.AreEqual(0, s.ExitCode, s.StdErr);
            string fromSeeds = Path.Combine(seedsDir, "seed-" + seed);
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(single, "model.onnx")), File.ReadAllBytes(Path.Combine(fromSeeds, "model.onnx")), $"seed {seed}: model.onnx");
            foreach (var which in new[] { "last", "best" })
                CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(single, "checkpoints", which, "arrays.f32")),
                    File.ReadAllBytes(Path.Combine(fromSeeds, "checkpoints", which, "arrays.f32")), $"seed {seed}: checkpoints/{which} arrays");
        }
        // The seeds differ from each other (else the comparison above could not tell seeds apart).
        CollectionAssert.AreNotEqual(File.ReadAllBytes(Path.Combine(seedsDir, "seed-3", "model.onnx")), File.ReadAllBytes(Path.Combine(seedsDir, "seed-5", "model.onnx")));

        var rows = File.ReadAllLines(Path.Combine(seedsDir, SeedsReport.Csv));
        Assert.AreEqual(3, rows.Length, string.Join('\n', rows));
        StringAssert.StartsWith(rows[1], "3,0,");
        StringAssert.StartsWith(rows[2], "5,0,");
        StringAssert.Contains(File.ReadAllText(Path.Combine(seedsDir, SeedsReport.Markdown)), "| 5 |");
        Assert.IsTrue(new FileInfo(Path.Combine(seedsDir, SeedsReport.Figure)).Length > 1000, "learning-curve overlay written");
    });

    [TestMethod]
    public void SeedListsAndRanges()
    {
        CollectionAssert.AreEqual(new ulong[] { 1, 2, 3, 4, 5 }, SeedList.Parse("1-5").ToArray());
        CollectionAssert.AreEqual(new ulong[] { 1, 3, 7 }, SeedList.Parse("1,3,7").ToArray());
        CollectionAssert.AreEqual(new ulong[] { 2, 3, 10 }, SeedList.Parse("2-3, 10,3").ToArray());
        foreach (var bad in new[] { "", "a", "5-1", "1-", "-3", "1-2000", "1.5" })
            Assert.AreEqual("seeds", Assert.ThrowsExactly<ConfigException>(() => SeedList.Parse(bad), bad).Field, bad);
    }
}
