using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Interop.Numpy;

namespace EiRnn.Interop.PsychRnn;

/// <summary>The weights file, its sidecar JSON (dt, tau, rec_noise, transfer function) and what --approximate changed.</summary>
/// <param name="Notes">What the export did that is not an approximation (e.g. restoring an imported file's unit order).</param>
public sealed record PsychRnnExport(byte[] Weights, string SidecarJson, IReadOnlyList<string> Changes, IReadOnlyList<string> Notes);

/// <summary>
/// Writes a contract network as the .npz PsychRNN's BasicSimulator and RNN loaders read (docs/import-export.md#export-to-psychrnn):
/// W_in, W_rec, W_out, b_rec, b_out, init_state, Dale_rec, Dale_out, the three connectivity masks and, for a Dale
/// network, dale_ratio as a plain float64 0-d array. Nothing is pickled, so no transfer_function entry: the sidecar
/// names it. What PsychRNN's model cannot express is refused, naming the property, unless approximating.
/// </summary>
public static class PsychRnnExporter
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static PsychRnnExport Export(TrainedNetwork network, bool approximate, string source = "model")
    {
        var s = network.Spec;
        if (s.Arch != NetworkArch.EiRnn || network.Weights is null)
            throw new ModelFileException($"{source}: only rate networks (ei-rnn) can be exported to PsychRNN, not {s.Arch}");
        if (s.Hidden is not (HiddenNonlinearity.Rectify or HiddenNonlinearity.Tanh or HiddenNonlinearity.Sigmoid))
            throw new ModelFileException($"{source}: hidden nonlinearity {s.Hidden} has no PsychRNN transfer function (relu, tanh, sigmoid)");
        var a = RateArrays.Of(network.Weights, s);
        var changes = new List<string>();
        var notes = new List<string>();
        var refused = new List<string>();
        void Inexact(string property, string change)
        {
            if (approximate) changes.Add(change);
            else refused.Add(property);
        }

        float tau = s.TauMs[0];
        if (s.TauMs.Any(t => t != tau))
        {
            tau = (float)s.TauMs.Average(t => (double)t);
            Inexact("per-unit tau (PsychRNN has one tau)", $"per-unit tau ({s.TauMs.Min()}-{s.TauMs.Max()} ms) replaced by their mean {tau} ms");
        }
        if (s.U0.Any(v => v != 0))
        {
            var bRec = a.BRec.ToArray();
            for (int i = 0; i < s.N; i++)
                for (int c = 0; c < s.Nin; c++) bRec[i] += a.WIn[i * s.Nin + c] * s.U0[c];
            a = a with { BRec = bRec };
            Inexact("input baseline u0", "input baseline u0 folded into b_rec as W_in u0" +
                    (s.RectifyInputs ? " (exact only while u0 + u stays >= 0, since the inputs were rectified)" : " (exact)"));
        }
        if (s.RectifyInputs) Inexact("input rectification (rectify_inputs)", "input rectification dropped (exact for inputs that stay >= 0)");
        if (s.SigmaIn > 0) Inexact("model input noise (sigma_in)", $"model input noise sigma_in = {s.SigmaIn} dropped (PsychRNN tasks add their own input noise)");
        if (s.Output != OutputNonlinearity.Linear) Inexact($"output nonlinearity {s.Output}", $"output nonlinearity {s.Output} dropped (PsychRNN reads out W_out f(x) + b_out)");
        if (s.Dale)
        {
            var wOut = a.WOut.ToArray();
            int zeroed = 0;
            for (int o = 0; o < s.Nout; o++)
                for (int j = 0; j < s.N; j++)
                    if (s.UnitTypes[j] == UnitType.Inhibitory && wOut[o * s.N + j] != 0) { wOut[o * s.N + j] = 0; zeroed++; }
            if (zeroed > 0)
            {
                a = a with { WOut = wOut };
                Inexact("readout from inhibitory units in a Dale network (PsychRNN's Dale_out zeroes them)", $"{zeroed} readout weights from inhibitory units set to 0 (PsychRNN's Dale_out)");
            }
        }
        // A model imported with its units reordered (E first) goes back in the source file's order.
        var types = s.UnitTypes;
        if (network.Training.Import?.UnitPermutation is { Count: > 0 } perm && perm.Count == s.N)
        {
            var inverse = new int[s.N];
            for (int i = 0; i < s.N; i++) inverse[perm[i]] = i;
            a = a.Permuted(inverse);
            types = inverse.Select(i => s.UnitTypes[i]).ToArray();
            notes.Add("units written in the order of the file the model was imported from (eirnn.training.import.unit_permutation)");
        }
        if (refused.Count > 0)
            throw new ModelFileException($"{source}: cannot be expressed in PsychRNN exactly: {string.Join("; ", refused)}. --approximate writes it with these changed (and lists the changes)");

        var arrays = new List<NpyArray>
        {
            NpyArray.Of("W_in", a.WIn, s.N, s.Nin), NpyArray.Of("W_rec", a.WRec, s.N, s.N), NpyArray.Of("W_out", a.WOut, s.Nout, s.N),
            NpyArray.Of("b_rec", a.BRec, s.N), NpyArray.Of("b_out", a.BOut, s.Nout), NpyArray.Of("init_state", a.X0, 1, s.N),
            NpyArray.Of("Dale_rec", Diagonal(s.N, j => s.Dale && types[j] == UnitType.Inhibitory ? -1 : 1), s.N, s.N),
            NpyArray.Of("Dale_out", Diagonal(s.N, j => s.Dale && types[j] == UnitType.Inhibitory ? 0 : 1), s.N, s.N),
            // The weights are effective (every structural zero is already in them), so the masks are all ones.
            NpyArray.Of("input_connectivity", Ones(s.N * s.Nin), s.N, s.Nin), NpyArray.Of("rec_connectivity", Ones(s.N * s.N), s.N, s.N),
            NpyArray.Of("output_connectivity", Ones(s.Nout * s.N), s.Nout, s.N),
        };
        double? daleRatio = s.Dale ? (double)s.NExc / s.N : null;
        if (daleRatio is { } r) arrays.Add(new NpyArray("dale_ratio", [], [r]));
        byte[] npz = NpzWriter.Write(arrays, name => name == "dale_ratio");

        var sidecar = new Dictionary<string, object?>
        {
            ["dt"] = s.DtTrainMs, ["tau"] = tau, ["rec_noise"] = s.SigmaRec, ["transfer_function"] = TransferFunctions.Name(s.Hidden),
            ["dale_ratio"] = daleRatio, ["N_in"] = s.Nin, ["N_rec"] = s.N, ["N_out"] = s.Nout,
            ["task"] = network.Training.Task, ["input_names"] = s.InputNames, ["output_names"] = s.OutputNames, ["approximations"] = changes,
        };
        string json = JsonSerializer.Serialize(sidecar, IndentedJson);
        return new PsychRnnExport(npz, json, changes, notes);
    }

    /// <summary>The sidecar's path beside the weights: W.npz -> W.params.json.</summary>
    public static string SidecarPath(string weightsPath) => Path.ChangeExtension(weightsPath, ".params.json");

    private static double[] Diagonal(int n, Func<int, double> value)
    {
        var d = new double[n * n];
        for (int j = 0; j < n; j++) d[j * n + j] = value(j);
        return d;
    }

    private static double[] Ones(int count) => Enumerable.Repeat(1.0, count).ToArray();
}
