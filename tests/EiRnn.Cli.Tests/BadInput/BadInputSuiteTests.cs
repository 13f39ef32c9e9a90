using System.Text.Json.Nodes;
using Google.Protobuf;
using Meta = EiRnn.Onnx.Contract.ModelContract.Meta;

namespace EiRnn.Cli.Tests.BadInput;

/// <summary>
/// The generated bad-input suite (docs/errors.md): systematic damage to valid train configs, pipeline configs,
/// sweep specs, dataset manifests and files, and ONNX models, each run in-process through the real command
/// tree; every case must exit 2 with exactly one line on stderr. Cases whose damage leaves a valid input are
/// left out, each with its reason, in the tables below (legal nulls per family, legal values, any-number keys).
/// </summary>
[TestClass]
public sealed class BadInputSuiteTests
{
    private static string _root = "", _model = "", _dataset = "", _pristine = "";

    /// <summary>Keys whose null means something (documented) and is therefore accepted, by family.</summary>
    private static readonly Dictionary<string, string> TrainNulls = new()
    {
        ["network.tau_inhibitory_ms"] = "null = same as tau_ms",
        ["task_options"] = "null = the task's defaults",
        ["curriculum"] = "null = train on the task alone",
        ["task_options.onset_ms"] = "delayed-discrimination: null = drawn per trial",
        ["task_options.stimulus1_ms"] = "delayed-discrimination: null = drawn per trial",
        ["task_options.delay_ms"] = "delayed-discrimination: null = drawn per trial",
        ["task_options.stimulus2_ms"] = "delayed-discrimination: null = drawn per trial",
        ["task_options.decision_ms"] = "delayed-discrimination: null = drawn per trial",
    };

    private static readonly Dictionary<string, string> PipelineNulls = new()
    {
        ["train.config"] = "null = the task's own recipe", ["train.seed"] = "null = 1 (without train.seeds)",
        ["train.analyze_seed"] = "null = the first of train.seeds",
    };

    /// <summary>Sweep spec keys (matched by their last key) whose null is documented in schemas/sweep-spec.schema.json.</summary>
    private static readonly Dictionary<string, string> SweepNulls = new()
    {
        ["task"] = "null = the model's task", ["conditions"] = "null = all test conditions",
        ["fraction"] = "null = the whole base set", ["window"] = "null = the whole trial",
        ["start_ms"] = "null = from the trial start", ["end_ms"] = "null = to the trial end", ["period"] = "null = a ms range or the whole trial",
        ["noise_scale"] = "null = noise unchanged", ["recurrent"] = "null = recurrent noise unchanged", ["input"] = "null = input noise unchanged",
    };

    private static readonly Dictionary<string, string> ManifestNulls = new()
    {
        ["sweep"] = "null = a simulate dataset, not a sweep",
        // Every capability is optional (docs/datasets.md#task-capabilities): null = not declared.
        ["capabilities"] = "null = capabilities unknown to the writer; analyze takes them from the task registry",
        ["capabilities.evidence"] = "null = the task declares no evidence factor",
        ["capabilities.evidence.zero_evidence"] = "null = the evidence has a decision boundary instead of a zero condition",
        ["capabilities.evidence_periods"] = "null = the evidence window is the whole trial",
        ["capabilities.catch_column"] = "null = the task has no catch trials",
    };

    /// <summary>Mutations that leave a legal file for another reason than a meaningful null.</summary>
    private static readonly Dictionary<(string Kind, string Path), string> LegalValues = new()
    {
        [("wrong type object", "train.config")] = "pipeline: {} is an empty set of train-config overrides",
        [("wrong type object", "sweep")] = "manifest: the recorded sweep spec is kept as free JSON",
        [("null", "trial_rows")] = "_SUCCESS: derived from partitions, written for readers, ignored when read",
        [("wrong type string", "trial_rows")] = "_SUCCESS: derived from partitions, written for readers, ignored when read",
        [("wrong type object", "trial_rows")] = "_SUCCESS: derived from partitions, written for readers, ignored when read",
        [("out of range -1000000000", "trial_rows")] = "_SUCCESS: derived from partitions, written for readers, ignored when read",
    };

    /// <summary>Numeric keys for which any finite value is legal (no out-of-range case exists).</summary>
    private static readonly Dictionary<string, string> AnyNumber = new()
    {
        ["u0"] = "any finite offset", ["initial_state"] = "any finite value", ["alpha_identity"] = "any finite value",
        ["seed"] = "-1e9 is refused as a type error for the unsigned seed, tested as such",
        ["fraction_seed"] = "any 64-bit seed",
    };

    [ClassInitialize]
    public static void Prepare(TestContext _)
    {
        _root = Directory.CreateTempSubdirectory("eirnn-badinput-").FullName;
        _model = Path.Combine(SchemaTests.RepoRoot(), "models", "rdm-fixed", "model.onnx");
        _pristine = Path.Combine(_root, "dataset-pristine");
        var r = InProcessCli.Run("simulate", "--model", _model, "--out", _pristine, "--trials-per-condition", "1", "--dt", "10",
            "--trials-per-unit", "6", "--save", "z");
        Assert.AreEqual(0, r.ExitCode, r.StdErr);
        _dataset = Path.Combine(_root, "dataset");
    }

    [ClassCleanup]
    public static void CleanUp() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void TrainConfigs()
    {
        var cases = new List<BadInputCase>();
        foreach (string task in new[] { "rdm-fixed", "delayed-discrimination" })
        {
            string valid = InProcessCli.Run("train", "--task", task, "--out", Path.Combine(_root, "never"), "--print-config").StdOut;
            cases.AddRange(JsonCases($"train config ({task})", valid, "train.json", TrainRange,
                file => ["train", "--task", task, "--config", file, "--out", Path.Combine(_root, "never"), "--print-config"], TrainNulls.ContainsKey));
        }
        BadInputRunner.RunAll("train configs", cases, minimum: 600);
    }

    /// <summary>Values outside every train-config key's range: -1e9 for all, plus 1e9 where there is an upper bound.</summary>
    private static double[] TrainRange(string path) => path switch
    {
        // 0 as well: batch_size 0 once divided by zero in a derived key before the range check ran.
        "network.n" or "batch_size" or "validation_trials" => [-1e9, 1e9, 0],
        "network.excitatory_fraction" or "dt_ms" or "network.spectral_radius" or "learning_rate" or "beta1" or "beta2" or "rmsprop_decay" => [-1e9, 1e9],
        _ => [-1e9],
    };

    [TestMethod]
    public void PipelineConfigs()
    {
        string valid = InProcessCli.Run("pipeline", "--print-config").StdOut;
        // The same config with train.seeds (docs/training.md#seeds-in-a-pipeline), so that its keys are damaged too.
        var withSeeds = JsonNode.Parse(valid)!;
        withSeeds["train"]!["seed"] = null;
        withSeeds["train"]!["seeds"] = new JsonArray(2, 3);
        withSeeds["train"]!["analyze_seed"] = 3;
        var cases = new[] { ("pipeline config", valid), ("pipeline config (seeds)", withSeeds.ToJsonString()) }
            .SelectMany(c => JsonCases(c.Item1, c.Item2, "pipeline.json", _ => [-1e9], file => ["pipeline", file, "--print-config"], PipelineNulls.ContainsKey))
            .ToList();
        BadInputRunner.RunAll("pipeline configs", cases, minimum: 160);
    }

    private const string ValidSweepSpec = """
        {
          "task": "rdm-fixed", "trials_per_condition": 3, "trials_per_unit": 2, "conditions": [0, 5], "seeds": [4, 5],
          "timing": "test", "dt_ms": 20, "dt_save_ms": 40, "save": ["z", "r"], "include_control": true,
          "perturbations": [
            { "id": "no-i", "lesions": [ { "population": { "type": "I", "fraction": 0.5, "fraction_seed": 3 },
                                          "window": { "start_ms": 0, "end_ms": 100 } } ] },
            { "id": "ei", "weight_scales": [ { "block": "E->I", "factor": [0.5, 1] } ],
              "stimulations": [ { "population": { "units": [1, 2] }, "current": 0.1, "window": { "period": "stimulus" } } ],
              "noise_scale": { "recurrent": 2, "input": 1 },
              "input_gains": [ { "channel": "0", "gain": 0.5 } ] }
          ]
        }
        """;

    [TestMethod]
    public void SweepSpecs()
    {
        Assert.AreEqual(0, Sweep(WriteText("sweep-valid.json", ValidSweepSpec)).ExitCode, "the base spec must be valid");
        var cases = JsonCases("sweep spec", ValidSweepSpec, "sweep.json", SweepRange,
            file => ["sweep", "--model", _model, "--spec", file, "--out", Path.Combine(_root, "never-sweep"), "--print-config"],
            p => SweepNulls.ContainsKey(LastKey(p))).ToList();
        BadInputRunner.RunAll("sweep specs", cases, minimum: 200);
    }

    private static CliProcess.Result Sweep(string spec) =>
        InProcessCli.Run("sweep", "--model", _model, "--spec", spec, "--out", Path.Combine(_root, "never-sweep"), "--print-config");

    private static double[] SweepRange(string path) => path switch
    {
        // Documented without a range: a negative current silences, a gain may flip an input's sign.
        _ when path.EndsWith("current", StringComparison.Ordinal) || path.EndsWith("gain", StringComparison.Ordinal) => [],
        _ when path.EndsWith("start_ms", StringComparison.Ordinal) || path.EndsWith("end_ms", StringComparison.Ordinal) => [-1e9, 1e9],
        _ when path.Contains("fraction", StringComparison.Ordinal) && !path.EndsWith("seed", StringComparison.Ordinal) => [-1e9, 2],
        _ => [-1e9],
    };

    [TestMethod]
    public void DatasetsAndManifests()
    {
        string manifest = File.ReadAllText(Path.Combine(_pristine, "manifest.json"));
        string success = Path.GetFileName(Directory.GetFiles(_pristine, "_SUCCESS.*").Single());
        string successText = File.ReadAllText(Path.Combine(_pristine, success));
        var cases = new List<BadInputCase>();
        foreach (var m in JsonMutations.Of(manifest, ManifestRange).Where(m => Expected(m, ManifestNulls.ContainsKey)))
            cases.Add(new("manifest", m.ToString(), () => Analyze(("manifest.json", m.Json))));
        foreach (var m in JsonMutations.Of(successText, _ => [-1e9]).Where(m => Expected(m, _ => false)))
            cases.Add(new("_SUCCESS", m.ToString(), () => [.. Analyze((success, m.Json)).Take(0), "sweep", "--out", _dataset, "--status"]));
        var parts = Directory.GetFiles(_pristine, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_pristine, f)).Order(StringComparer.Ordinal).ToArray();
        foreach (string part in parts)
        {
            // The units table is optional: analyze works without it (the report then has no per-unit tables).
            if (part != Path.Combine("units", "units.parquet")) cases.Add(new("dataset", $"{part} missing", () => Analyze(damage: d => File.Delete(Path.Combine(d, part)))));
            long length = new FileInfo(Path.Combine(_pristine, part)).Length;
            foreach (double fraction in new[] { 0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
            {
                long keep = (long)(length * fraction);
                cases.Add(new("dataset", $"{part} truncated to {keep} of {length} bytes",
                    () => Analyze(damage: d => { using var f = File.OpenWrite(Path.Combine(d, part)); f.SetLength(keep); })));
            }
        }
        cases.Add(new("dataset", "manifest.json missing", () => Analyze(damage: d => File.Delete(Path.Combine(d, "manifest.json")))));
        cases.Add(new("dataset", "manifest.json is a folder", () => Analyze(damage: d =>
        {
            File.Delete(Path.Combine(d, "manifest.json"));
            Directory.CreateDirectory(Path.Combine(d, "manifest.json"));
        })));
        cases.Add(new("dataset", "manifest.json empty", () => Analyze(("manifest.json", ""))));
        cases.Add(new("dataset", "manifest.json truncated", () => Analyze(("manifest.json", manifest[..(manifest.Length / 2)]))));
        BadInputRunner.RunAll("datasets", cases, minimum: 250);
    }

    private static double[] ManifestRange(string path) => path switch
    {
        "schema_version" or "dt_ms" or "dt_save_ms" or "t_save" or "n" or "nout" => [-1e9],
        _ => [],
    };

    /// <summary>A fresh copy of the pristine dataset with files replaced or damaged, analysed.</summary>
    private static string[] Analyze((string File, string Text)? replace = null, Action<string>? damage = null)
    {
        if (Directory.Exists(_dataset)) Directory.Delete(_dataset, recursive: true);
        foreach (string f in Directory.GetFiles(_pristine, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(_dataset, Path.GetRelativePath(_pristine, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        if (replace is { } r) File.WriteAllText(Path.Combine(_dataset, r.File), r.Text);
        damage?.Invoke(_dataset);
        return ["analyze", "--data", _dataset, "--out", Path.Combine(_root, "never-report"), "--bootstrap", "10"];
    }

    private static readonly HashSet<string> OptionalMetadata = [Meta.Arch, Meta.TrainConfig, Meta.InitialWeightsSha256];

    [TestMethod]
    public void ModelFiles()
    {
        byte[] bytes = File.ReadAllBytes(_model);
        var cases = new List<BadInputCase>();
        // Truncations: every byte of the first 64 and 300 offsets spread over the rest.
        var offsets = Enumerable.Range(0, 64).Concat(Enumerable.Range(1, 300).Select(i => (int)((long)bytes.Length * i / 301))).Distinct();
        foreach (int keep in offsets)
            cases.Add(new("model", $"truncated to {keep} of {bytes.Length} bytes", () => Inspect($"trunc-{keep}.onnx", bytes[..keep])));
        var model = global::Onnx.ModelProto.Parser.ParseFrom(bytes);
        for (int i = 0; i < model.Graph.Initializer.Count; i++)
        {
            var copy = model.Clone();
            string name = copy.Graph.Initializer[i].Name;
            copy.Graph.Initializer.RemoveAt(i);
            byte[] damaged = copy.ToByteArray();
            cases.Add(new("model", $"initializer '{name}' removed", () => Inspect($"noinit-{name}.onnx", damaged)));
        }
        for (int i = 0; i < model.MetadataProps.Count; i++)
        {
            var copy = model.Clone();
            string key = copy.MetadataProps[i].Key;
            copy.MetadataProps.RemoveAt(i);
            byte[] damaged = copy.ToByteArray();
            // May be absent: eirnn.arch (files of earlier builds have none, and it then means ei-rnn) and the training
            // provenance (eirnn.train_config, eirnn.initial_weights_sha256; docs/reproduce.md#initial-weights), which
            // networks trained before it was recorded, or imported ones, lack.
            if (!OptionalMetadata.Contains(key)) cases.Add(new("model", $"metadata '{key}' removed", () => Inspect($"nometa-{key}.onnx", damaged)));
            // Only JSON-valued entries can be garbled into invalid JSON; the others are free text.
            if (!model.MetadataProps[i].Value.TrimStart().StartsWith('{') && !model.MetadataProps[i].Value.TrimStart().StartsWith('[')) continue;
            var garbled = model.Clone();
            garbled.MetadataProps[i].Value = "{ \"x\": 1, \"x\": 2";
            byte[] g = garbled.ToByteArray();
            cases.Add(new("model", $"metadata '{key}' garbled", () => Inspect($"garbled-{key}.onnx", g)));
        }
        cases.Add(new("model", "empty file", () => Inspect("empty.onnx", [])));
        cases.Add(new("model", "a folder", () => ["inspect", _root]));
        cases.Add(new("model", "missing", () => ["inspect", Path.Combine(_root, "no-such.onnx")]));
        BadInputRunner.RunAll("model files", cases, minimum: 300);
    }

    /// <summary>
    /// Flipped bytes: a flip inside a weight or a name can leave a well-formed model, so these cases must
    /// never crash (exit 1) and, when refused, say so in one line; they are counted, not required to fail.
    /// </summary>
    [TestMethod]
    public void ModelFilesWithFlippedBytesNeverCrash()
    {
        byte[] bytes = File.ReadAllBytes(_model);
        var rng = new Random(7);
        int refused = 0, accepted = 0;
        var failures = new List<string>();
        for (int k = 0; k < 200; k++)
        {
            int at = rng.Next(bytes.Length);
            byte[] copy = (byte[])bytes.Clone();
            copy[at] ^= (byte)(1 << rng.Next(8));
            var r = InProcessCli.Run(Inspect($"flip.onnx", copy));
            int lines = r.StdErr.Trim().Length == 0 ? 0 : r.StdErr.Trim().Split('\n').Length;
            if (r.ExitCode == 2 && lines == 1) refused++;
            else if (r.ExitCode == 0) accepted++;
            else failures.Add($"flip at {at}: exit {r.ExitCode}, {lines} line(s): {r.StdErr.Trim()}");
        }
        Console.WriteLine($"flipped bytes: 200 cases, {refused} refused (exit 2, one line), {accepted} still well-formed (exit 0)");
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures.Take(20)));
    }

    private static string[] Inspect(string name, byte[] bytes)
    {
        string path = Path.Combine(_root, "models", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return ["inspect", path];
    }

    private static string WriteText(string name, string text)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The JSON family's cases, minus the mutations that leave a legal file (see the tables above).</summary>
    private static IEnumerable<BadInputCase> JsonCases(string family, string validJson, string fileName,
        Func<string, double[]> outOfRange, Func<string, string[]> arguments, Func<string, bool> legalNull)
    {
        int n = 0;
        foreach (var m in JsonMutations.Of(validJson, p => AnyNumber.ContainsKey(LastKey(p)) ? [] : outOfRange(p)).Where(m => Expected(m, legalNull)))
        {
            string file = Path.Combine(_root, "json", $"{family.Replace(' ', '-')}-{n++}-{fileName}");
            yield return new(family, m.ToString(), () =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, m.Json);
                return arguments(file);
            });
        }
    }

    /// <summary>Whether the mutation must be refused: a null where null is documented as meaningful is not damage.</summary>
    private static bool Expected(JsonMutation m, Func<string, bool> legalNull)
    {
        if (LegalValues.ContainsKey((m.Kind, m.Path))) return false;
        return m.Kind != "null" || !legalNull(m.Path);
    }

    private static string LastKey(string path) => path[(path.LastIndexOf('.') + 1)..].Split('[')[0];
}
