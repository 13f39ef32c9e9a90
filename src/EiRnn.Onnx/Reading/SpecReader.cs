using System.Text.Json;
using EiRnn.Core.Config;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Onnx.Reading;

/// <summary>
/// Reads <c>eirnn.spec</c> and <c>eirnn.training</c> in two dialects: this project's own records (strict:
/// every key known, nothing missing), recognised by keys only they have; or another producer's JSON, of
/// which only the few facts the tensors cannot tell are read (nonlinearities, input rectification, Dale).
/// </summary>
internal static class SpecReader
{
    /// <summary>The tensors and metadata of a rate-network file, which a foreign spec is completed from.</summary>
    public sealed record ContractFacts(
        int N, int Nin, int Nout, int NExc, float[] Tau, float TauIn, float[] U0, float SigmaIn, float SigmaRec,
        float DtMs, string[] InputNames, string[] OutputNames);

    public static bool IsProjectSpec(JsonElement spec) => spec.TryGetProperty("unit_types", out _);

    public static NetworkSpec ParseProject(string json, string source)
    {
        string where = $"metadata eirnn.spec of {source}";
        try { return JsonConfig.Validated(JsonConfig.Parse<NetworkSpec>(json, where), s => s.Validated(), where); }
        catch (ConfigException e) { throw new ModelFileException(e.Message, e); }
    }

    public static NetworkSpec FromContract(JsonElement json, ContractFacts f, string source)
    {
        bool dale = Bool(json, ["dale"]) ?? f.NExc < f.N;
        var spec = new NetworkSpec
        {
            Arch = NetworkArch.EiRnn,
            N = f.N, Nin = f.Nin, Nout = f.Nout, Dale = dale,
            UnitTypes = Enumerable.Range(0, f.N).Select(i => !dale || i < f.NExc ? UnitType.Excitatory : UnitType.Inhibitory).ToArray(),
            UnitAreas = NetworkSpec.Repeat("all", f.N),
            UnitInputGroups = NetworkSpec.Repeat("", f.N),
            TauMs = f.Tau, TauInMs = f.TauIn, U0 = f.U0,
            RectifyInputs = Bool(json, ["rectify_inputs", "input_rectify"]) ?? true,
            Hidden = Enum<HiddenNonlinearity>(json, ["hidden", "hidden_nonlinearity"], HiddenNonlinearity.Rectify, source),
            Output = Enum<OutputNonlinearity>(json, ["output", "output_nonlinearity"], OutputNonlinearity.Linear, source),
            SigmaIn = f.SigmaIn, SigmaRec = f.SigmaRec, DtTrainMs = f.DtMs,
            InputNames = f.InputNames, OutputNames = f.OutputNames,
            Connectivity = "",
        };
        try { return spec.Validated(); }
        catch (ConfigException e) { throw new ModelFileException($"{source}: the model's tensors and metadata do not form a valid network: {e.Message}", e); }
    }

    public static TrainingRecord Training(JsonElement json, string rawJson, string task, string source)
    {
        if (json.TryGetProperty("preset", out _))
        {
            try { return JsonConfig.Parse<TrainingRecord>(rawJson, $"metadata eirnn.training of {source}"); }
            catch (ConfigException e) { throw new ModelFileException(e.Message, e); }
        }
        return new TrainingRecord(
            Task: Str(json, "task") ?? task,
            Preset: "",
            TrialsTrained: json.TryGetProperty("trials_trained", out var t) && t.TryGetInt64(out long n) ? n : 0,
            Metric: Str(json, "metric") ?? "",
            ValidationPerformance: Num(json, "validation_performance") ?? double.NaN,
            Criterion: Num(json, "criterion") ?? double.NaN,
            Converged: Bool(json, ["converged"]) ?? false);
    }

    private static bool? Bool(JsonElement json, string[] keys)
    {
        foreach (var k in keys)
            if (json.TryGetProperty(k, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        return null;
    }

    private static string? Str(JsonElement json, string key) =>
        json.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement json, string key) =>
        json.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static T Enum<T>(JsonElement json, string[] keys, T fallback, string source) where T : struct, System.Enum
    {
        foreach (var k in keys)
        {
            if (Str(json, k) is not { } text) continue;
            foreach (var value in System.Enum.GetValues<T>())
                if (JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()) == text) return value;
            throw new ModelFileException($"{source}: metadata eirnn.spec: '{k}' = '{text}' is not a known {typeof(T).Name}");
        }
        return fallback;
    }
}
