using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Interop.Numpy;
using EiRnn.Interop.Pickle;

namespace EiRnn.Interop.PsychRnn;

/// <summary>
/// Reads the .npz PsychRNN's RNN.save() writes (np.savez of get_weights(): effective W_in, W_rec, W_out, b_rec,
/// b_out, init_state, Dale matrices, connectivity masks, dale_ratio, and optimiser slots) into a contract network:
/// x-form dynamics, f = the file's transfer function (ReLU when absent), inputs not rectified, no baseline, no
/// input noise, σ_rec = --rec-noise, x0 = init_state (docs/import-export.md#psychrnn).
/// </summary>
public static class PsychRnnImporter
{
    /// <summary>The arrays this importer reads; anything else in the file is listed in a note and ignored.</summary>
    public static readonly IReadOnlyList<string> KnownArrays =
    [
        "W_in", "W_rec", "W_out", "b_rec", "b_out", "init_state", "Dale_rec", "Dale_out",
        "input_connectivity", "rec_connectivity", "output_connectivity", "dale_ratio", "transfer_function",
    ];

    public static ImportedNetwork Import(string path, PsychRnnImportOptions options)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: does not exist");
        byte[] bytes = File.ReadAllBytes(path);
        return Import(bytes, path, options);
    }

    public static ImportedNetwork Import(byte[] bytes, string path, PsychRnnImportOptions o)
    {
        CheckOptions(o);
        var archive = NpzArchive.Read(bytes, path);
        var problems = new WeightsProblems(path);
        var notes = new List<string>();
        var get = new ArrayChecks(archive, problems);

        var (n, nin, nout, wRec, wIn, wOut, bRec, bOut) = get.Recurrent();
        var init = n < 0 ? null : get.Has("init_state") && Rank(archive, "init_state") == 1 ? get.Get("init_state", true, n) : get.Get("init_state", true, 1, n);
        if (n >= 0)
        {
            get.Get("rec_connectivity", false, n, n);
            if (nin >= 0) get.Get("input_connectivity", false, n, nin);
            if (nout >= 0) get.Get("output_connectivity", false, nout, n);
            get.Get("Dale_out", false, n, n);
        }

        // dale_ratio: a float means Dale's law; None or absent a network without sign constraints.
        bool dale = false;
        switch (get.Scalar("dale_ratio"))
        {
            case null or PickledElement.None: break;
            case PickledElement.Number { Value: var r }:
                if (r is > 0 and <= 1) dale = true;
                else problems.Add($"array 'dale_ratio' is {r}, expected None or a fraction in (0, 1]");
                break;
            case var other:
                problems.Add($"array 'dale_ratio' holds {Describe(other)} where None or a number is needed");
                break;
        }

        HiddenNonlinearity transfer = ReadTransfer(get, o, problems, notes);
        IReadOnlyList<UnitType> types = NetworkSpec.Repeat(UnitType.Excitatory, Math.Max(n, 0));
        if (dale && n >= 0) types = DaleTypes(get.Get("Dale_rec", true, n, n), problems, n) ?? types;
        problems.ThrowIfAny();

        var arrays = new RateArrays(n, nin, nout, wIn!.Values, wRec!.Values, wOut!.Values, bRec!.Values, bOut!.Values, init!.Values);
        (arrays, types, var perm) = DaleLayout.Apply(arrays, types, dale, o.AllowDaleViolations, problems, notes);
        var ignored = archive.Members.Keys.Where(k => !KnownArrays.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (ignored.Count > 0)
            notes.Add($"ignored {ignored.Count} arrays not used by the model: " + string.Join(", ", ignored.Select(k =>
                archive.Members[k] is PickledMember ? k + " (pickled, skipped)" : k)));
        if (DaleRatioAbsent(archive)) notes.Add("no dale_ratio array: imported as a network without Dale's law");

        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = dale, UnitTypes = types,
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
            TauMs = NetworkSpec.Repeat(o.TauMs, n), U0 = NetworkSpec.Repeat(0f, nin), RectifyInputs = false,
            Hidden = transfer, Output = OutputNonlinearity.Linear, SigmaIn = 0, SigmaRec = o.RecNoise, DtTrainMs = o.DtMs,
            InputNames = Names(o.InputNames, nin, "in", "input", o.Task), OutputNames = Names(o.OutputNames, nout, "out", "output", o.Task),
            Connectivity = $"imported from PsychRNN weights {Path.GetFileName(path)}",
        };
        var record = new ImportRecord
        {
            From = "psychrnn", SourceFile = Path.GetFileName(path), SourceSha256 = FileHash.Sha256(bytes),
            Options = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
            {
                ["dt_ms"] = o.DtMs, ["tau_ms"] = o.TauMs, ["rec_noise"] = o.RecNoise,
                ["transfer"] = o.Transfer is { } t ? TransferFunctions.Name(t) : null, ["task"] = o.Task,
                ["allow_dale_violations"] = o.AllowDaleViolations,
            }),
            UnitPermutation = perm, Notes = notes,
        };
        var training = new TrainingRecord(o.Task, "psychrnn", 0, "", double.NaN, double.NaN, false, Import: record);
        try { return new ImportedNetwork(TrainedNetwork.Rate(spec, arrays.ToWeights(), training, 0), notes); }
        catch (ConfigException e) { throw new ModelFileException($"{path}: {e.Message}", e); }
    }

    private static bool DaleRatioAbsent(NpzArchive a) => !a.Members.ContainsKey("dale_ratio");

    internal static void CheckOptions(PsychRnnImportOptions o)
    {
        if (!(o.DtMs > 0 && float.IsFinite(o.DtMs))) throw new ConfigException("dt", $"must be > 0 ms, got {o.DtMs}");
        if (!(o.TauMs > 0 && float.IsFinite(o.TauMs))) throw new ConfigException("tau", $"must be > 0 ms, got {o.TauMs}");
        if (o.DtMs > o.TauMs) throw new ConfigException("dt", $"must not exceed tau ({o.TauMs} ms): alpha = dt/tau = {o.DtMs / o.TauMs} > 1");
        if (!(o.RecNoise >= 0 && float.IsFinite(o.RecNoise))) throw new ConfigException("rec-noise", $"must be >= 0, got {o.RecNoise}");
    }

    private static HiddenNonlinearity ReadTransfer(ArrayChecks get, PsychRnnImportOptions o, WeightsProblems problems, List<string> notes)
    {
        var element = get.Scalar("transfer_function");
        HiddenNonlinearity? fromFile = null;
        string described = "";
        switch (element)
        {
            case null:
                described = "absent";
                break;
            case PickledElement.Function f:
                fromFile = TransferFunctions.FromName(f.Name);
                described = $"{f.Module}.{f.Name}";
                break;
            default:
                described = Describe(element);
                break;
        }
        if (o.Transfer is { } flag)
        {
            if (element is not null) notes.Add($"transfer function: --transfer {TransferFunctions.Name(flag)} overrides the file's ({described})");
            return flag;
        }
        if (element is null)
        {
            notes.Add("no transfer_function array: using relu, PsychRNN's default (--transfer overrides)");
            return HiddenNonlinearity.Rectify;
        }
        if (fromFile is { } known)
        {
            notes.Add($"transfer function {described} -> {TransferFunctions.Name(known)}");
            return known;
        }
        problems.Add($"array 'transfer_function' is {described}, not relu, tanh or sigmoid; give --transfer relu|tanh|sigmoid");
        return HiddenNonlinearity.Rectify;
    }

    private static IReadOnlyList<UnitType>? DaleTypes(NpyArray? daleRec, WeightsProblems problems, int n)
    {
        if (daleRec is null) { problems.Add("array 'Dale_rec' is needed to tell E from I units (dale_ratio is set)"); return null; }
        var types = new UnitType[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                if (i != j && daleRec[i, j] != 0) problems.Add($"array 'Dale_rec'[{i}, {j}] = {daleRec[i, j]:G6} is off the diagonal (must be 0)");
            double d = daleRec[i, i];
            if (d == 0) problems.Add($"array 'Dale_rec'[{i}, {i}] is 0: unit {i} has no sign");
            types[i] = d < 0 ? UnitType.Inhibitory : UnitType.Excitatory;
        }
        return types;
    }

    internal static IReadOnlyList<string> Names(IReadOnlyList<string>? given, int count, string prefix, string what, string task)
    {
        if (given is null) return Enumerable.Range(0, count).Select(c => $"{prefix}{c}").ToArray();
        if (given.Count != count)
            throw new ConfigException("task", $"'{task}' has {given.Count} {what}s but the network has {count}");
        return given;
    }

    private static int Rank(NpzArchive a, string name) => a.Members[name] is NumericMember m ? m.Array.Rank : -1;

    internal static string Describe(PickledElement e) => e switch
    {
        PickledElement.None => "None",
        PickledElement.Number x => x.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PickledElement.Function f => $"the function {f.Module}.{f.Name}",
        PickledElement.Other x => x.What,
        _ => e.ToString(),
    };
}
