using System.Buffers.Binary;
using EiRnn.Core.Errors;
using Onnx;

namespace EiRnn.Onnx.Reading;

/// <summary>
/// The graph's initializers by name, checked before any is decoded: no external data anywhere in the
/// model, every declared size valid, and the declared total within <see cref="ModelReadLimits.MaxTensorBytes"/>.
/// </summary>
internal sealed class InitializerTable
{
    private readonly Dictionary<string, TensorProto> _byName = new(StringComparer.Ordinal);
    private readonly string _source;

    public InitializerTable(GraphProto graph, ModelReadLimits limits, string source)
    {
        _source = source;
        long total = 0;
        foreach (var t in AllTensors(graph))
        {
            if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
                throw new ModelFileException($"{source}: tensor '{t.Name}' uses external data; the contract requires every tensor inside the file");
            long bytes = DeclaredBytes(t);
            total = total > long.MaxValue - bytes ? long.MaxValue : total + bytes;
            if (total > limits.MaxTensorBytes)
                throw new ModelFileException(
                    $"{source}: declared tensor sizes exceed the memory limit of {limits.MaxTensorBytes} bytes (at tensor '{t.Name}', dims [{string.Join(", ", t.Dims)}])");
        }
        foreach (var t in graph.Initializer) _byName[t.Name] = t;
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public IReadOnlyList<long> Dims(string name) => Get(name).Dims;

    /// <summary>A float32 initializer whose dims must equal <paramref name="expected"/>; returns its values.</summary>
    public float[] Floats(string name, long[] expected, string why)
    {
        var t = Get(name);
        if (!t.Dims.SequenceEqual(expected))
            throw new ModelFileException(
                $"{_source}: initializer '{name}' has shape [{string.Join(", ", t.Dims)}], expected [{string.Join(", ", expected)}] {why}");
        return Decode(t);
    }

    /// <summary>A float32 initializer that is a scalar or a single value of shape [1].</summary>
    public float Scalar(string name)
    {
        var t = Get(name);
        if (!(t.Dims.Count == 0 || (t.Dims.Count == 1 && t.Dims[0] == 1)))
            throw new ModelFileException($"{_source}: initializer '{name}' must be a scalar, has shape [{string.Join(", ", t.Dims)}]");
        return Decode(t)[0];
    }

    /// <summary>A float32 initializer that is a scalar (broadcast to every entry) or has exactly <paramref name="count"/> values.</summary>
    public float[] ScalarOrVector(string name, int count, string why)
    {
        var t = Get(name);
        bool scalar = t.Dims.Count == 0 || (t.Dims.Count == 1 && t.Dims[0] == 1 && count != 1);
        if (scalar) return Enumerable.Repeat(Decode(t)[0], count).ToArray();
        return Floats(name, [count], why);
    }

    private TensorProto Get(string name) =>
        _byName.TryGetValue(name, out var t) ? t : throw new ModelFileException($"{_source}: required initializer '{name}' is missing");

    private float[] Decode(TensorProto t)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new ModelFileException($"{_source}: initializer '{t.Name}' must be float32 (data type {t.DataType} found)");
        int count = checked((int)t.Dims.Aggregate(1L, (a, b) => a * b));
        var values = new float[count];
        if (t.RawData.Length > 0)
        {
            if (t.RawData.Length != count * sizeof(float))
                throw new ModelFileException($"{_source}: initializer '{t.Name}' holds {t.RawData.Length} bytes, its dims need {count * sizeof(float)} (truncated?)");
            var raw = t.RawData.Span;
            for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }
        else
        {
            if (t.FloatData.Count != count)
                throw new ModelFileException($"{_source}: initializer '{t.Name}' holds {t.FloatData.Count} values, its dims need {count} (truncated?)");
            t.FloatData.CopyTo(values, 0);
        }
        return values;
    }

    private long DeclaredBytes(TensorProto t)
    {
        long count = 1;
        foreach (long d in t.Dims)
        {
            if (d < 0) throw new ModelFileException($"{_source}: tensor '{t.Name}' declares a negative dimension {d}");
            count = d == 0 ? 0 : (count > long.MaxValue / d ? long.MaxValue : count * d);
        }
        int elem = t.DataType switch
        {
            (int)TensorProto.Types.DataType.Double or (int)TensorProto.Types.DataType.Int64 or (int)TensorProto.Types.DataType.Uint64 => 8,
            (int)TensorProto.Types.DataType.Int8 or (int)TensorProto.Types.DataType.Uint8 or (int)TensorProto.Types.DataType.Bool => 1,
            (int)TensorProto.Types.DataType.Float16 or (int)TensorProto.Types.DataType.Bfloat16 or (int)TensorProto.Types.DataType.Int16 => 2,
            _ => 4,
        };
        return count > long.MaxValue / elem ? long.MaxValue : count * elem;
    }

    /// <summary>Every tensor of the model: initializers and Constant/attribute tensors, also in subgraphs.</summary>
    private static IEnumerable<TensorProto> AllTensors(GraphProto graph)
    {
        foreach (var t in graph.Initializer) yield return t;
        foreach (var node in graph.Node)
            foreach (var a in node.Attribute)
            {
                if (a.T is { } t) yield return t;
                foreach (var tt in a.Tensors) yield return tt;
                if (a.G is { } g) foreach (var s in AllTensors(g)) yield return s;
                foreach (var gg in a.Graphs) foreach (var s in AllTensors(gg)) yield return s;
            }
    }
}
