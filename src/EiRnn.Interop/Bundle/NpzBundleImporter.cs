using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Interop.Numpy;
using EiRnn.Interop.PsychRnn;

namespace EiRnn.Interop.Bundle;

/// <summary>
/// Imports the generic bundle of docs/import-export.md#generic-bundle: arrays W_in [N, Nin], W_rec [N, N],
/// W_out [Nout, N], b_rec [N], b_out [Nout], x0 [N] in an .npz, plus a JSON <see cref="NpzBundleSpec"/>.
/// </summary>
public static class NpzBundleImporter
{
    public static readonly IReadOnlyList<string> KnownArrays = ["W_in", "W_rec", "W_out", "b_rec", "b_out", "x0"];

    /// <param name="task">--task: overrides the spec's task (then <paramref name="inputNames"/>/<paramref name="outputNames"/> are its channels).</param>
    public static ImportedNetwork Import(string weightsPath, string specPath, bool allowDaleViolations = false, IReadOnlyList<string>? inputNames = null,
        IReadOnlyList<string>? outputNames = null, string? task = null)
    {
        var spec = JsonConfig.Load<NpzBundleSpec>(specPath);
        if (!string.IsNullOrEmpty(task)) spec = spec with { Task = task };
        if (!File.Exists(weightsPath)) throw new ModelFileException($"{weightsPath}: does not exist");
        return Import(File.ReadAllBytes(weightsPath), weightsPath, spec, specPath, allowDaleViolations, inputNames, outputNames);
    }

    public static ImportedNetwork Import(byte[] bytes, string path, NpzBundleSpec s, string specSource, bool allowDaleViolations = false,
        IReadOnlyList<string>? inputNames = null, IReadOnlyList<string>? outputNames = null)
    {
        if (s.Dynamics == "r-form")
            throw new ConfigException("dynamics", "r-form (r <- (1-a)r + a f(W r + W_in u + b)) cannot be expressed: the model contract integrates x and " +
                                                  "reads out f(x); see docs/import-export.md#r-form-networks for the conversion");
        if (s.Dynamics != "x-form") throw new ConfigException("dynamics", $"must be x-form, got '{s.Dynamics}'");
        if (!(s.DtMs > 0 && float.IsFinite(s.DtMs))) throw new ConfigException("dt_ms", $"must be > 0, got {s.DtMs}");

        var archive = NpzArchive.Read(bytes, path);
        var problems = new WeightsProblems(path);
        var notes = new List<string>();
        var get = new ArrayChecks(archive, problems);
        var (n, nin, nout, wRec, wIn, wOut, bRec, bOut) = get.Recurrent();
        var x0 = n < 0 ? null : get.Get("x0", true, n);
        problems.ThrowIfAny();

        var tau = Tau(s.TauMs, n);
        if (tau.Any(t => s.DtMs > t)) throw new ConfigException("dt_ms", $"must not exceed tau_ms ({tau.Min()} ms): alpha = dt/tau > 1");
        var u0 = s.U0 ?? NetworkSpec.Repeat(0f, nin);
        if (u0.Count != nin) throw new ConfigException("u0", $"must have Nin = {nin} entries (the columns of W_in), has {u0.Count}");
        bool dale = s.UnitTypes is not null;
        IReadOnlyList<UnitType> types = dale ? Types(s.UnitTypes!, n) : NetworkSpec.Repeat(UnitType.Excitatory, n);

        var arrays = new RateArrays(n, nin, nout, wIn!.Values, wRec!.Values, wOut!.Values, bRec!.Values, bOut!.Values, x0!.Values);
        (arrays, types, var perm) = DaleLayout.Apply(arrays, types, dale, allowDaleViolations, problems, notes);
        if (perm is not null) tau = perm.Select(p => tau[p]).ToArray();
        var ignored = archive.Members.Keys.Where(k => !KnownArrays.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (ignored.Count > 0) notes.Add($"ignored {ignored.Count} arrays not used by the model: {string.Join(", ", ignored)}");

        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = dale, UnitTypes = types,
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
            TauMs = tau, TauInMs = s.TauInMs, U0 = u0, RectifyInputs = s.RectifyInputs, Hidden = s.Hidden, Output = s.Output,
            SigmaIn = s.SigmaIn, SigmaRec = s.SigmaRec, DtTrainMs = s.DtMs,
            InputNames = PsychRnnImporter.Names(s.InputNames ?? inputNames, nin, "in", "input", s.Task),
            OutputNames = PsychRnnImporter.Names(s.OutputNames ?? outputNames, nout, "out", "output", s.Task),
            Connectivity = $"imported from weights bundle {Path.GetFileName(path)}",
        };
        var record = new ImportRecord
        {
            From = "npz", SourceFile = Path.GetFileName(path), SourceSha256 = FileHash.Sha256(bytes),
            Options = JsonSerializer.SerializeToElement(s, JsonConfig.Compact), UnitPermutation = perm, Notes = notes,
        };
        var training = new TrainingRecord(s.Task, "", 0, "", double.NaN, double.NaN, false, Import: record);
        try { return new ImportedNetwork(TrainedNetwork.Rate(spec.Validated(), arrays.ToWeights(), training, 0), notes); }
        catch (ConfigException e) { throw new ConfigException($"{specSource}: {e.Field}", e.Problem, e); }
    }

    private static float[] Tau(JsonElement tau, int n)
    {
        static float Positive(JsonElement e, string key) =>
            e.ValueKind == JsonValueKind.Number && e.GetSingle() is var t && t > 0 && float.IsFinite(t) ? t
                : throw new ConfigException(key, $"must be a time constant > 0 ms, got {e.GetRawText()}");
        if (tau.ValueKind == JsonValueKind.Number) return NetworkSpec.Repeat(Positive(tau, "tau_ms"), n).ToArray();
        if (tau.ValueKind != JsonValueKind.Array) throw new ConfigException("tau_ms", "must be a number or a list of one number per unit");
        if (tau.GetArrayLength() != n) throw new ConfigException("tau_ms", $"must have N = {n} entries (the rows of W_rec), has {tau.GetArrayLength()}");
        return tau.EnumerateArray().Select((e, i) => Positive(e, $"tau_ms[{i}]")).ToArray();
    }

    private static UnitType[] Types(IReadOnlyList<string> types, int n)
    {
        if (types.Count != n) throw new ConfigException("unit_types", $"must have N = {n} entries (the rows of W_rec), has {types.Count}");
        return types.Select((t, i) => t switch
        {
            "E" => UnitType.Excitatory,
            "I" => UnitType.Inhibitory,
            _ => throw new ConfigException($"unit_types[{i}]", $"must be \"E\" or \"I\", got \"{t}\""),
        }).ToArray();
    }
}
