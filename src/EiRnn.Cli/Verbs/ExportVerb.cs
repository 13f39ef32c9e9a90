using System.CommandLine;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Core.Io;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// `eirnn export --checkpoint DIR --out FILE.onnx`: re-exports a checkpoint as the canonical ONNX model.
/// Reads the LibTorch-free checkpoint format and computes the effective, pruned weights (rate network) or
/// takes the LSTM's weights as trained, in plain C#, so it never loads LibTorch.
/// `eirnn export --model OLD.onnx --out FILE.onnx` rebuilds a model file (e.g. one written by an earlier build,
/// whose graph is no longer the one this build writes) as this build's canonical graph, with the same weights
/// and metadata: the simulator then compiles its fast variants from it and keeps the file's bits.
/// </summary>
internal static class ExportVerb
{
    public static Command Build()
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A checkpoint folder (RUN/checkpoints/best or RUN/checkpoints/last), or a training run folder (uses its checkpoints/best).",
        };
        var model = new Option<string>("--model")
        {
            Description = "Instead of a checkpoint: a model.onnx written by this project (any build); its weights and metadata are re-exported as this build's graph.",
        };
        var output = new Option<string>("--out") { Description = "The ONNX file to write (may be the --model file itself).", Required = true };
        var (modelArg, to, approximate) = ExportToPsychRnn.Options();
        var cmd = new Command("export", "Re-export a training checkpoint, or an older model file, as an ONNX model (no LibTorch needed); or export a model to PsychRNN (--to psychrnn).")
        {
            modelArg, checkpoint, model, output, to, approximate,
        };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(to) is ExportToPsychRnn.Target.Psychrnn) return ExportToPsychRnn.Run(parse.GetValue(modelArg) ?? parse.GetValue(model), parse.GetValue(output)!, parse.GetValue(approximate));
            if (parse.GetValue(modelArg) is { } stray) throw new ConfigException("export", $"takes the model file '{stray}' as an argument only with --to psychrnn (use --model)");
            string? checkpointPath = parse.GetValue(checkpoint), modelPath = parse.GetValue(model);
            if ((checkpointPath is null) == (modelPath is null))
                throw new ConfigException("export", "needs exactly one of --checkpoint DIR and --model FILE.onnx");
            string folder = checkpointPath is null ? modelPath! : ResolveCheckpointFolder(checkpointPath);
            var network = checkpointPath is null ? FromModelFile(modelPath!) : CheckpointWeights.ToTrainedNetwork(Checkpoint.Read(folder));
            string path = parse.GetValue(output)!;
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) SafeFile.CreateDirectory(dir);
            ModelExporter.Save(network, path);
            var s = network.Spec;
            string units = s.Arch == NetworkArch.Lstm ? $"lstm, N {s.N} hidden units" : $"N {s.N} = {s.NExc} E + {s.NInh} I";
            Console.WriteLine($"exported {folder} -> {path} ({new FileInfo(path).Length:N0} bytes; task {network.Training.Task}, " +
                              $"{units}, converged {network.Training.Converged.ToString().ToLowerInvariant()})");
            return VerbRunner.Ok;
        });
        return cmd;
    }

    /// <summary>The network of a model file this project wrote (its full spec is in the metadata), read without ONNX Runtime.</summary>
    private static TrainedNetwork FromModelFile(string path)
    {
        var file = ModelReader.Read(path);
        if (file.SpecSource != SpecSource.ProjectSpec)
            throw new ModelFileException($"{path}: has no eirnn.spec metadata of this project, so its graph cannot be rebuilt (it runs as it is)");
        return file.Network;
    }

    private static string ResolveCheckpointFolder(string path)
    {
        string best = Path.Combine(path, "checkpoints", "best");
        if (Checkpoint.Exists(best)) return best;
        if (Directory.Exists(path) || Checkpoint.Exists(path)) return path;
        throw new ConfigException("checkpoint", $"{path} does not exist (expected a checkpoint folder such as RUN/checkpoints/best)");
    }
}
