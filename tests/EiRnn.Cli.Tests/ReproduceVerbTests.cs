using EiRnn.Data.Tables;
using EiRnn.TestSupport;

namespace EiRnn.Cli.Tests;

/// <summary>`reproduce` on a copy of a committed model with a tiny test set: report, claims table and model card (docs/reproduce.md).</summary>
[TestClass]
public sealed class ReproduceVerbTests
{
    [TestMethod]
    public async Task WritesReportTableAndCardForACommittedModel()
    {
        string root = Path.Combine(Path.GetTempPath(), "eirnn-reproduce-" + Guid.NewGuid().ToString("N"));
        try
        {
            string models = Path.Combine(root, "models", "rdm-rt");
            Directory.CreateDirectory(models);
            foreach (string f in new[] { "model.onnx", "train-summary.json" })
                File.Copy(RepositoryPaths.Of("models", "rdm-rt", f), Path.Combine(models, f));
            string outDir = Path.Combine(root, "out");
            var r = InProcessCli.Run("reproduce", "--out", outDir, "--tasks", "rdm-rt", "--max-trials-per-condition", "4",
                "--claims", RepositoryPaths.Of("data", "claims", "pycog.json"), "--models", Path.Combine(root, "models"),
                "--pipelines", RepositoryPaths.Of("data", "pipelines"));
            Assert.AreEqual(0, r.ExitCode, r.StdErr);
            StringAssert.Contains(r.StdOut, "reproduce: rdm-rt: measuring 3 claim(s)");

            var table = await ResultTableReader.ReadAsync(Path.Combine(outDir, "claims.parquet"));
            CollectionAssert.AreEquivalent(new[] { "rdm-rt.chance-at-zero", "rdm-rt.phi-fit", "rdm-rt.rt-falls-with-coherence" }, table["claim"].Strings);
            Assert.IsTrue(table["verdict"].Strings.All(v => v is "pass" or "fail" or "not measurable"));
            Assert.IsTrue(table["value"].Doubles.All(double.IsFinite), "44 trials suffice to measure each rdm-rt claim");

            string html = File.ReadAllText(Path.Combine(outDir, "index.html"));
            StringAssert.Contains(html, "Mean reaction time of correct trials falls as coherence rises.");
            string card = File.ReadAllText(Path.Combine(models, "README.md"));
            StringAssert.Contains(card, Data.Manifest.ModelFileHash.Sha256(Path.Combine(models, "model.onnx")));
            StringAssert.Contains(card, "tools/eirnn reproduce --tasks rdm-rt");
            StringAssert.Contains(card, "data/pipelines/rdm-rt.json` (seed 1, capped at 1,800 s of training; its leading comments say why).");
            // The card's test set is reproduce's (4 per condition here, 11 rdm-rt conditions), stated once; the pipeline config's comments,
            // which describe the pipeline's own test set ("here 300 per condition"), are not quoted.
            StringAssert.Contains(card, "- Test set of this card (`reproduce`'s, the claims file's `test_sets`; not the pipeline config's `simulate` block): " +
                                        "4 trials per condition, 44 trials, at the test timing, Δt 0.5 ms, saved every 10 ms, both noises on; " +
                                        "the paper's has 1500 per condition");
            Assert.AreEqual(2, card.Split("per condition").Length - 1, "the card's count and the paper's, nothing else: " + card);
            Assert.DoesNotContain("here 300 per condition", card, "the pipeline config's own test set is not on the card");
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
    }

    [TestMethod]
    public void UnknownNetworkExitsTwoNamingTheChoices()
    {
        var r = InProcessCli.Run("reproduce", "--out", Path.Combine(Path.GetTempPath(), "eirnn-x"), "--tasks", "no-such",
            "--claims", RepositoryPaths.Of("data", "claims", "pycog.json"), "--models", RepositoryPaths.Of("models"));
        Assert.AreEqual(2, r.ExitCode, r.StdErr);
        StringAssert.Contains(r.StdErr, "--tasks");
        StringAssert.Contains(r.StdErr, "rdm-rt");
    }
}
