using System.CommandLine;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// `eirnn export --checkpoint DIR --out FILE.onnx`: re-exports a checkpoint as the canonical ONNX model.
/// Reads the LibTorch-free checkpoint format and computes the effective, pruned weights (rate network) or
/// takes the LSTM's weights as trained, in plain C#, so it never loads LibTorch.
/// </summary>
internal static class ExportVerb
{
    public static Command Build()
    {
        var checkpoint = new Option<string>("--checkpoint")
        {
            Description = "A checkpoint folder (RUN/checkpoints/best or RUN/checkpoints/last), or a training run folder (uses its checkpoints/best).",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "The ONNX file to write.", Required = true };
        var cmd = new Command("export", "Re-export a training checkpoint as an ONNX model (no LibTorch needed).") { checkpoint, output };
        cmd.SetAction(parse =>
        {
            string folder = ResolveCheckpointFolder(parse.GetValue(checkpoint)!);
            var network = CheckpointWeights.ToTrainedNetwork(Checkpoint.Read(folder));
            string path = parse.GetValue(output)!;
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            ModelExporter.Save(network, path);
            var s = network.Spec;
            string units = s.Arch == NetworkArch.Lstm ? $"lstm, N {s.N} hidden units" : $"N {s.N} = {s.NExc} E + {s.NInh} I";
            Console.WriteLine($"exported {folder} -> {path} ({new FileInfo(path).Length:N0} bytes; task {network.Training.Task}, " +
                              $"{units}, converged {network.Training.Converged.ToString().ToLowerInvariant()})");
            return VerbRunner.Ok;
        });
        return cmd;
    }

    private static string ResolveCheckpointFolder(string path)
    {
        string best = Path.Combine(path, "checkpoints", "best");
        if (Directory.Exists(best)) return best;
        if (Directory.Exists(path)) return path;
        throw new ConfigException("checkpoint", $"{path} does not exist (expected a checkpoint folder such as RUN/checkpoints/best)");
    }
}
