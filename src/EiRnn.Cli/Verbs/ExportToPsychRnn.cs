using System.CommandLine;
using EiRnn.Core.Errors;
using EiRnn.Interop.PsychRnn;
using EiRnn.Onnx.Reading;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// `eirnn export --to psychrnn MODEL.onnx --out WEIGHTS.npz [--approximate]`: the weights PsychRNN's BasicSimulator
/// reads plus a sidecar WEIGHTS.params.json with dt, tau, rec_noise and the transfer function (docs/import-export.md#export-to-psychrnn).
/// </summary>
internal static class ExportToPsychRnn
{
    /// <summary>The formats `export --to` writes (a closed set of one today).</summary>
    public enum Target { Psychrnn }

    public static (Argument<string?> Model, Option<Target?> To, Option<bool> Approximate) Options() =>
    (
        new Argument<string?>("MODEL") { Description = "With --to psychrnn: the model file to export.", Arity = ArgumentArity.ZeroOrOne },
        EnumOption.Optional<Target>("--to", "psychrnn: write the model as PsychRNN weights (.npz) and a sidecar .params.json."),
        new Option<bool>("--approximate") { Description = "With --to psychrnn: write what PsychRNN cannot express exactly (per-unit tau, u0, input rectification or noise, output nonlinearity, readout from I units) approximately, listing each change." }
    );

    public static int Run(string? modelPath, string outPath, bool approximate)
    {
        if (modelPath is null) throw new ConfigException("export", "--to psychrnn needs the model file: eirnn export --to psychrnn MODEL.onnx --out WEIGHTS.npz");
        var network = ModelReader.Read(modelPath).Network;
        var export = PsychRnnExporter.Export(network, approximate, modelPath);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        string sidecar = PsychRnnExporter.SidecarPath(outPath);
        try
        {
            File.WriteAllBytes(outPath, export.Weights);
            File.WriteAllText(sidecar, export.SidecarJson);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"{outPath}: cannot write: {e.Message}", e);
        }
        foreach (var change in export.Changes) Console.WriteLine($"approximated: {change}");
        foreach (var note in export.Notes) Console.WriteLine($"note: {note}");
        var s = network.Spec;
        Console.WriteLine($"exported {modelPath} -> {outPath} + {sidecar} (PsychRNN: N_rec {s.N}, N_in {s.Nin}, N_out {s.Nout}, " +
                          $"transfer function {TransferFunctions.Name(s.Hidden)}{(s.Dale ? $", dale_ratio {(double)s.NExc / s.N:G4}" : ", no dale_ratio")})");
        if (!s.Dale) Console.WriteLine("note: no dale_ratio array (a network without Dale's law): PsychRNN warns that it is missing and runs without Dale's law");
        Console.WriteLine("note: the file has no transfer_function entry (nothing is pickled): PsychRNN falls back to ReLU with a warning; the sidecar names the function");
        return VerbRunner.Ok;
    }
}
