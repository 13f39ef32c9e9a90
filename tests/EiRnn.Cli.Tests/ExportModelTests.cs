using EiRnn.Onnx.Reading;

namespace EiRnn.Cli.Tests;

/// <summary>
/// `export --model`: a model file written by an earlier build (Fixtures/rdm-fixed-graph-0.1.0.onnx, the committed
/// rdm-fixed network as build 0.1.0 exported it, before the sums in the graph were reordered) is rebuilt as this
/// build's canonical graph with the same tensors and metadata; a canonical file comes back byte for byte.
/// </summary>
[TestClass]
public sealed class ExportModelTests
{
    private static string OldGraph => Path.Combine(SchemaTests.RepoRoot(), "tests", "EiRnn.Cli.Tests", "Fixtures", "rdm-fixed-graph-0.1.0.onnx");
    private static string Committed => Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");

    [TestMethod]
    public void AnEarlierBuildsFileBecomesCanonicalWithTheSameWeightsAndMetadata()
    {
        InTempFolder(dir =>
        {
            string output = ExportModel(OldGraph, Path.Combine(dir, "model.onnx"));
            var old = ModelReader.Read(OldGraph);
            var rebuilt = ModelReader.Read(output);
            Assert.IsFalse(old.IsCanonicalGraph, "the 0.1.0 graph adds its terms in another order");
            Assert.IsTrue(rebuilt.IsCanonicalGraph);
            var (a, b) = (old.Network.Weights!, rebuilt.Network.Weights!);
            foreach (var (name, x, y) in new[] { ("W_in", a.WIn, b.WIn), ("W_rec", a.WRec, b.WRec), ("W_out", a.WOut, b.WOut), ("b_rec", a.BRec, b.BRec), ("b_out", a.BOut, b.BOut), ("x0", a.X0, b.X0) })
                CollectionAssert.AreEqual(x, y, name);
            CollectionAssert.AreEqual(old.Metadata.ToArray(), rebuilt.Metadata.ToArray(), "metadata");
        });
    }

    [TestMethod]
    public void ACanonicalFileComesBackByteForByte()
    {
        InTempFolder(dir =>
        {
            string output = ExportModel(Committed, Path.Combine(dir, "again.onnx"));
            CollectionAssert.AreEqual(File.ReadAllBytes(Committed), File.ReadAllBytes(output));
        });
    }

    [TestMethod]
    public void WrongSourcesExitWithCode2AndWriteNothing()
    {
        InTempFolder(dir =>
        {
            string output = Path.Combine(dir, "out.onnx");
            string contractExample = Path.Combine(SchemaTests.RepoRoot(), "tests", "EiRnn.Simulation.Tests", "Fixtures", "model.onnx");
            foreach (var (args, message) in new[]
                     {
                         (new[] { "export", "--out", output }, "exactly one of --checkpoint"),
                         (new[] { "export", "--model", Committed, "--checkpoint", dir, "--out", output }, "exactly one of --checkpoint"),
                         (new[] { "export", "--model", contractExample, "--out", output }, "no eirnn.spec metadata of this project"),
                     })
            {
                var r = CliProcess.Run(args);
                Assert.AreEqual(2, r.ExitCode, string.Join(' ', args) + "\n" + r.StdOut + r.StdErr);
                StringAssert.Contains(r.StdErr, message);
                Assert.IsFalse(File.Exists(output), "nothing written");
            }
        });
    }

    /// <summary>Runs `export --model source --out output`, expects success and returns output.</summary>
    private static string ExportModel(string source, string output)
    {
        var r = CliProcess.Run("export", "--model", source, "--out", output);
        Assert.AreEqual(0, r.ExitCode, r.StdOut + r.StdErr);
        return output;
    }

    private static void InTempFolder(Action<string> test) => TempFolder.Run("eirnn-export-model-", test);
}
