using System.CommandLine;
using System.Diagnostics;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Interop.Bundle;
using EiRnn.Interop.PsychRnn;
using EiRnn.Onnx.Export;
using EiRnn.Tasks;
using EiRnn.Tasks.Files;

namespace EiRnn.Cli.Verbs;

/// <summary>
/// `eirnn import --from psychrnn WEIGHTS.npz --dt MS --tau MS --out MODEL.onnx`: a network trained elsewhere as a
/// contract model file (docs/import-export.md). The weights file is read without Python; pickled entries are
/// scanned, never run.
/// </summary>
internal static class ImportVerb
{
    /// <summary>The weights formats `import --from` reads.</summary>
    public enum Format { Psychrnn, Npz }

    /// <summary>The PsychRNN transfer functions `import --transfer` names (TransferFunctions.FromName maps them).</summary>
    public enum Transfer { Relu, Tanh, Sigmoid }

    public static Command Build()
    {
        var from = EnumOption.Optional<Format>("--from", "The weights file's format: psychrnn (RNN.save() of PsychRNN) or npz (the generic bundle + --spec).");
        from.Required = true;
        var spec = new Option<string?>("--spec") { Description = "npz: the bundle's JSON spec (schemas/npz-bundle-spec.schema.json): dt, tau, noise, u0, nonlinearities, unit types." };
        var weights = new Argument<string>("WEIGHTS") { Description = "The .npz weights file." };
        var output = new Option<string>("--out") { Description = "The model file to write (.onnx).", Required = true };
        var dt = new Option<float?>("--dt") { Description = "psychrnn: the network's dt in ms (PsychRNN's task dt); the imported model's default dt." };
        var tau = new Option<float?>("--tau") { Description = "psychrnn: the units' time constant in ms (PsychRNN's tau)." };
        var recNoise = new Option<float>("--rec-noise") { Description = "psychrnn: PsychRNN's rec_noise (sigma_rec of the model; default 0).", DefaultValueFactory = _ => 0f };
        var transfer = EnumOption.Optional<Transfer>("--transfer", "psychrnn: relu, tanh or sigmoid; overrides the file's transfer_function (needed when that is another function).");
        var task = new Option<string?>("--task") { Description = "The task the network solves (names its inputs and outputs; simulate and sweep use it)." };
        var taskFile = TaskAssemblies.FileOption();
        var allowViolations = new Option<bool>("--allow-dale-violations") { Description = "psychrnn: import a Dale network whose weights break the sign constraints (listed) instead of refusing it." };
        var assemblies = TaskAssemblies.Option();
        var cmd = new Command("import", "Import a network trained elsewhere (PsychRNN weights, or a documented .npz bundle) as an ONNX model.")
        {
            weights, from, spec, output, dt, tau, recNoise, transfer, task, taskFile, allowViolations, assemblies,
        };
        cmd.SetAction(parse =>
        {
            string source = parse.GetValue(weights)!, path = parse.GetValue(output)!;
            string? taskName = parse.GetValue(task);
            var format = parse.GetValue(from);
            if (format == Format.Psychrnn && parse.GetValue(spec) is not null) throw new ConfigException("--spec", "applies to --from npz only");
            // A bundle's spec may name the task; its channels must then match the arrays too.
            if (taskName is null && format == Format.Npz && parse.GetValue(spec) is { } specPath && File.Exists(specPath))
                taskName = JsonConfig.Load<NpzBundleSpec>(specPath).Task;
            var registry = TaskAssemblies.Registry(parse, assemblies);
            // --task-file: the model carries the file's text, so simulate, sweep and analyze rebuild the task without it.
            string? taskFileText = parse.GetValue(taskFile) is { } taskFilePath ? TaskFiles.ReadText(taskFilePath) : null;
            if (TaskAssemblies.RegisterFile(parse, taskFile, registry, taskName) is { } fileTask) taskName = fileTask;
            var names = TaskNames(registry, taskName);
            ImportedNetwork imported;
            switch (format)
            {
                case Format.Psychrnn:
                    imported = PsychRnnImporter.Import(source, new PsychRnnImportOptions
                    {
                        DtMs = parse.GetValue(dt) ?? throw new ConfigException("--dt", "is required with --from psychrnn (the dt the network was trained with, ms)"),
                        TauMs = parse.GetValue(tau) ?? throw new ConfigException("--tau", "is required with --from psychrnn (the units' time constant, ms)"),
                        RecNoise = parse.GetValue(recNoise),
                        Transfer = parse.GetValue(transfer) is { } t ? TransferFunctions.FromName(EnumOption.Name(t)) : null,
                        Task = taskName ?? "", InputNames = names?.Inputs, OutputNames = names?.Outputs,
                        AllowDaleViolations = parse.GetValue(allowViolations),
                    });
                    break;
                case Format.Npz:
                    foreach (var (name, given) in new (string, bool)[] { ("--dt", parse.GetValue(dt) is not null), ("--tau", parse.GetValue(tau) is not null), ("--transfer", parse.GetValue(transfer) is not null) })
                        if (given) throw new ConfigException(name, "applies to --from psychrnn only; a bundle's spec file holds it");
                    imported = NpzBundleImporter.Import(source, parse.GetValue(spec) ?? throw new ConfigException("--spec", "is required with --from npz"),
                        parse.GetValue(allowViolations), names?.Inputs, names?.Outputs, taskName);
                    break;
                default:
                    throw new UnreachableException($"--from {format}: a required option the parser checked");
            }
            if (taskFileText is not null)
                imported = imported with { Network = imported.Network with { Training = imported.Network.Training with { TaskFile = taskFileText } } };
            foreach (var note in imported.Notes) Console.WriteLine($"note: {note}");
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            ModelExporter.Save(imported.Network, path);
            var s = imported.Network.Spec;
            string units = s.Dale ? $"N {s.N} = {s.NExc} E + {s.NInh} I" : $"N {s.N} (no Dale's law)";
            Console.WriteLine($"imported {source} -> {path} ({units}, {s.Nin} inputs, {s.Nout} outputs, f = {TransferFunctions.Name(s.Hidden)}, " +
                              $"dt {s.DtTrainMs} ms, tau {string.Join("/", s.TauMs.Distinct())} ms; task {(taskName is null or "" ? "none (give simulate --task)" : taskName)})");
            return VerbRunner.Ok;
        });
        return cmd;
    }

    private sealed record ChannelNames(IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

    private static ChannelNames? TaskNames(TaskRegistry registry, string? task)
    {
        if (string.IsNullOrEmpty(task)) return null;
        var d = registry.Create(task).Description;
        return new ChannelNames(d.InputNames, d.OutputNames);
    }
}
