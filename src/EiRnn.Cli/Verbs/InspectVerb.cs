using System.CommandLine;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Reading;

namespace EiRnn.Cli.Verbs;

/// <summary>`eirnn inspect FILE.onnx`: metadata, sizes, E/I counts, parameter counts and the Dale check.</summary>
internal static class InspectVerb
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The model file (.onnx) to inspect." };
        var cmd = new Command("inspect", "Validate a model file against the ONNX contract and print its metadata, sizes and Dale check.") { file };
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(file)!.FullName;
            var model = ModelReader.Read(path);
            Print(path, model);
            var net = model.Network;
            var violations = net.Weights is { } w ? DaleCheck.Violations(net.Spec, w) : [];
            if (violations.Count > 0)
                throw new ModelFileException($"{path}: Dale check failed: {string.Join("; ", violations)}");
            return VerbRunner.Ok;
        });
        return cmd;
    }

    private static void Print(string path, ModelFile model)
    {
        var net = model.Network;
        var s = net.Spec;
        Console.WriteLine($"{path}");
        Console.WriteLine($"  producer   : {model.Producer}; format {model.FormatVersion}; {model.FileBytes:N0} bytes; spec from {(model.SpecSource == SpecSource.ProjectSpec ? "eirnn.spec" : "tensors + contract metadata")}");
        if (s.Arch == NetworkArch.Lstm)
        {
            Console.WriteLine($"  network    : lstm, N {s.N} hidden units, Nin {s.Nin}, Nout {s.Nout} (no Dale's law)");
            Console.WriteLine($"  dynamics   : LSTM gates (docs/model.md#lstm-baseline), h = o * sigmoid(c), z = W_out h + b_out; one step per dt, dt_train {s.DtTrainMs} ms; " +
                              "no noise inputs; inputs u, h_init, c_init");
        }
        else
        {
            Console.WriteLine($"  network    : ei-rnn, N {s.N} ({s.NExc} E / {s.NInh} I{(s.Dale ? "" : ", no Dale")}), Nin {s.Nin}, Nout {s.Nout}");
            Console.WriteLine($"  dynamics   : f {s.Hidden}, g {s.Output}, tau {Range(s.TauMs)} ms, tau_in {s.TauInMs} ms, dt_train {s.DtTrainMs} ms, " +
                              $"sigma_in {s.SigmaIn}, sigma_rec {s.SigmaRec}, u0 {Range(s.U0)}, inputs {(s.RectifyInputs ? "rectified" : "not rectified")}");
        }
        Console.WriteLine($"  inputs     : {string.Join(", ", s.InputNames)}");
        Console.WriteLine($"  outputs    : {string.Join(", ", s.OutputNames)}");
        Console.WriteLine($"  training   : task {net.Training.Task}, preset {Or(net.Training.Preset)}, trials {net.Training.TrialsTrained:N0}, " +
                          $"{Or(net.Training.Metric)} {net.Training.ValidationPerformance:g4} (criterion {net.Training.Criterion:g4}), " +
                          $"converged {(net.Training.Converged ? "true" : "false")}, seed {net.Seed}");
        if (net.Weights is { } w)
        {
            Console.WriteLine("  parameters : " + string.Join(", ", new (string Name, float[] V)[]
                { ("W_in", w.WIn), ("W_rec", w.WRec), ("W_out", w.WOut), ("b_rec", w.BRec), ("b_out", w.BOut), ("x0", w.X0) }
                .Select(p => $"{p.Name} {p.V.Count(v => v != 0):N0}/{p.V.Length:N0} non-zero")));
            var violations = DaleCheck.Violations(s, w);
            Console.WriteLine($"  Dale check : {(!s.Dale ? "not a Dale network (signs free)" : violations.Count == 0 ? "ok (W_rec, W_out column signs; W_in >= 0)" : $"FAILED ({violations.Count} findings)")}");
        }
        else if (net.Lstm is { } l)
        {
            long count = new[] { l.WForget, l.WInput, l.WCandidate, l.WOutputGate, l.BForget, l.BInput, l.BCandidate, l.BOutputGate, l.WOut, l.BOut }.Sum(a => (long)a.Length);
            Console.WriteLine($"  parameters : {count:N0} (W_f, W_i, W_c, W_o [{s.N + s.Nin}x{s.N}], their biases, W_out, b_out) + h0, c0 [{s.N}]");
            Console.WriteLine("  Dale check : not applicable (lstm)");
        }
        Console.WriteLine("  metadata   :");
        foreach (var (key, value) in model.Metadata)
            Console.WriteLine($"    {key} = {(value.Length > 160 ? value[..160] + "…" : value)}");
    }

    private static string Range(IReadOnlyList<float> v) => v.Min() == v.Max() ? $"{v[0]}" : $"{v.Min()}..{v.Max()}";

    private static string Or(string s) => s.Length == 0 ? "-" : s;
}
