using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using EiRnn.Core.Errors;
using Onnx;

namespace EiRnn.Simulation.Model;

/// <summary>
/// Interim reader of the simulator's view of a model file, straight from the ONNX protobuf (the generated
/// classes of EiRnn.Onnx). To be replaced by an adapter over EiRnn.Onnx's contract reader once it lands;
/// callers only see <see cref="IModelFileReader"/>. Checks what the simulator relies on: required inputs and
/// outputs, their sizes, x0, and the scalar defaults.
/// </summary>
public sealed class OnnxContractReader : IModelFileReader
{
    public SimulationModel Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException($"{path}: model file does not exist");
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)); }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new ModelFileException($"{path}: not an ONNX model ({e.Message})", e);
        }
        var graph = model.Graph ?? throw new ModelFileException($"{path}: the model has no graph");
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        if (meta.TryGetValue("eirnn.arch", out var arch) && arch != "ei-rnn")
            throw new ModelFileException($"{path}: eirnn.arch '{arch}' cannot be simulated yet (only ei-rnn)");

        var inputs = graph.Input.ToDictionary(i => i.Name);
        var outputs = graph.Output.ToDictionary(o => o.Name);
        foreach (var name in ContractNames.RequiredInputs)
            if (!inputs.ContainsKey(name)) throw new ModelFileException($"{path}: graph input '{name}' is missing");
        foreach (var name in ContractNames.Outputs)
            if (!outputs.ContainsKey(name)) throw new ModelFileException($"{path}: graph output '{name}' is missing");

        int nin = LastDim(path, inputs[ContractNames.U]);
        int n = LastDim(path, inputs[ContractNames.XInit]);
        int nout = LastDim(path, outputs[ContractNames.Z]);
        if (LastDim(path, inputs[ContractNames.NoiseRec]) != n || LastDim(path, outputs[ContractNames.R]) != n)
            throw new ModelFileException($"{path}: noise_rec, r and x_init disagree on N");

        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        float[] x0 = Floats(path, initializers, ContractNames.X0);
        if (x0.Length != n) throw new ModelFileException($"{path}: x0 has {x0.Length} values, x_init has N = {n}");

        return new SimulationModel
        {
            Path = path, N = n, Nin = nin, Nout = nout, X0 = x0,
            DefaultDtMs = Scalar(path, initializers, ContractNames.Dt),
            DefaultSigmaIn = Scalar(path, initializers, ContractNames.SigmaIn),
            DefaultSigmaRec = Scalar(path, initializers, ContractNames.SigmaRec),
            OverridableScalars = ContractNames.Scalars.Where(inputs.ContainsKey).ToHashSet(),
            Task = meta.GetValueOrDefault("eirnn.task", ""),
            InputNames = Names(meta, "eirnn.inputs", nin),
            OutputNames = Names(meta, "eirnn.outputs", nout),
            NExc = Int(meta, "eirnn.n_exc", n), NInh = Int(meta, "eirnn.n_inh", 0),
            SpecJson = meta.GetValueOrDefault("eirnn.spec", ""),
        };
    }

    private static int LastDim(string path, ValueInfoProto v)
    {
        var dims = v.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count == 0 || dims[^1].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue)
            throw new ModelFileException($"{path}: '{v.Name}' has no fixed last dimension");
        return checked((int)dims[^1].DimValue);
    }

    private static float[] Floats(string path, Dictionary<string, TensorProto> inits, string name)
    {
        if (!inits.TryGetValue(name, out var t)) throw new ModelFileException($"{path}: initializer '{name}' is missing");
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new ModelFileException($"{path}: initializer '{name}' is not float32");
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new ModelFileException($"{path}: initializer '{name}' uses external data, which the contract forbids");
        if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray(); // little-endian hosts
        return [.. t.FloatData];
    }

    private static float Scalar(string path, Dictionary<string, TensorProto> inits, string name)
    {
        float[] v = Floats(path, inits, name);
        if (v.Length != 1) throw new ModelFileException($"{path}: initializer '{name}' must be a scalar");
        return v[0];
    }

    private static IReadOnlyList<string> Names(Dictionary<string, string> meta, string key, int count)
    {
        if (!meta.TryGetValue(key, out var json)) return [];
        try
        {
            var names = JsonSerializer.Deserialize<string[]>(json) ?? [];
            return names.Length == count ? names : [];
        }
        catch (JsonException) { return []; }
    }

    private static int Int(Dictionary<string, string> meta, string key, int fallback) =>
        meta.TryGetValue(key, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
}
