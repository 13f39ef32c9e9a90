using EiRnn.Data.Tables;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.TestSupport;

namespace EiRnn.Cli.Tests.Reproduce;

/// <summary>
/// `reproduce` on the committed mante network with a small test set, beside a copy whose context inputs are cut (their W_in columns
/// zeroed): the intact network passes the mante claims, and the cut one fails exactly the two context claims (docs/reproduce.md#tests).
/// </summary>
[TestClass]
public sealed class ManteContextLesionTests
{
    /// <summary>
    /// Trials per condition (72 mante conditions, 576 trials per network; ~40 s for both on 2 loaded cores). Measured on seed 1, intact
    /// motion / colour slope ratio [95 % CI]: 6 per condition 0.047 [−0.057, 0.156] / 0.081 [−0.017, 0.183]; 8: 0.046 [−0.039, 0.136] /
    /// 0.085 [0.002, 0.170]; 12: 0.071 [0.005, 0.137] / 0.108 [0.039, 0.176]. Context cut, 8 per condition: 0.877 [0.760, 1.01] /
    /// 1.14 [1.02, 1.32]. 8 keeps the intact upper ends 0.08 below the 0.25 threshold and the cut lower ends 0.5 above it.
    /// </summary>
    private const int TrialsPerCondition = 8;

    private static readonly string[] ContextInputs = ["context-motion", "context-colour"];

    [TestMethod]
    public async Task CuttingTheContextInputsFailsExactlyTheContextClaims()
    {
        string root = Path.Combine(Path.GetTempPath(), "eirnn-mante-lesion-" + Guid.NewGuid().ToString("N"));
        try
        {
            string models = Path.Combine(root, "models");
            string intact = Path.Combine(models, "intact"), cut = Path.Combine(models, "context-cut");
            Directory.CreateDirectory(intact);
            Directory.CreateDirectory(cut);
            string committed = RepositoryPaths.Of("models", "mante", "model.onnx");
            File.Copy(committed, Path.Combine(intact, "model.onnx"));
            int zeroed = SaveWithInputsCut(committed, Path.Combine(cut, "model.onnx"), ContextInputs);
            Assert.IsGreaterThan(0, zeroed, "the committed mante network has context weights to cut");

            string outDir = Path.Combine(root, "out");
            var r = InProcessCli.Run("reproduce", "--out", outDir, "--tasks", "mante", "--max-trials-per-condition", TrialsPerCondition.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--claims", RepositoryPaths.Of("data", "claims", "pycog.json"), "--models", models, "--cards-in-out");
            Assert.AreEqual(0, r.ExitCode, r.StdErr);

            var table = await ResultTableReader.ReadAsync(Path.Combine(outDir, "claims.parquet"));
            var verdicts = Enumerable.Range(0, table["claim"].Strings.Length).ToDictionary(
                i => (table["model"].Strings[i], table["claim"].Strings[i]),
                i => $"{table["verdict"].Strings[i]} ({table["value"].Doubles[i]:G3} [{table["ci_lo"].Doubles[i]:G3}, {table["ci_hi"].Doubles[i]:G3}])");
            string all = string.Join("; ", verdicts.Select(v => $"{v.Key.Item1}/{v.Key.Item2}: {v.Value}"));

            string[] context = ["mante.motion-context-selects-motion", "mante.colour-context-selects-colour"];
            // The choice axis does not depend on the context inputs (both contexts' trials are regressed together), so it keeps its ✓.
            const string choiceAxis = "mante.choice-coefficients-positive";
            Assert.HasCount(6, verdicts, all);
            foreach (string id in context.Append(choiceAxis))
                StringAssert.StartsWith(verdicts[("intact", id)], "pass", $"intact {id}: {all}");
            foreach (string id in context)
                StringAssert.StartsWith(verdicts[("context-cut", id)], "fail", $"context-cut {id}: {all}");
            StringAssert.StartsWith(verdicts[("context-cut", choiceAxis)], "pass", $"context-cut {choiceAxis}: {all}");
            Console.WriteLine(all);
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
    }

    /// <summary>Writes <paramref name="source"/> with the W_in columns of the named inputs set to zero; returns how many weights were non-zero.</summary>
    private static int SaveWithInputsCut(string source, string target, IReadOnlyList<string> inputs)
    {
        var network = ModelReader.Read(source).Network;
        var weights = network.Weights ?? throw new AssertFailedException("mante is a rate network");
        var names = network.Spec.InputNames;
        int nin = names.Count;
        int[] columns = inputs.Select(name => names.ToList().IndexOf(name)).ToArray();
        Assert.DoesNotContain(-1, columns, $"inputs {string.Join(", ", inputs)} among {string.Join(", ", names)}");
        float[] wIn = (float[])weights.WIn.Clone();
        int zeroed = 0;
        for (int unit = 0; unit < network.Spec.N; unit++)
            foreach (int c in columns)
            {
                if (wIn[unit * nin + c] != 0) zeroed++;
                wIn[unit * nin + c] = 0;
            }
        ModelExporter.Save(network with { Weights = weights with { WIn = wIn } }, target);
        return zeroed;
    }
}
