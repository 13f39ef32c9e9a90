using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Graph;

/// <summary>
/// Writes an ONNX graph in the vocabulary of the model (inputs, initializers, operators, a Scan body) so
/// the network code never touches protobuf. Node and value names are chosen by the caller: they are part
/// of what makes two exports of the same network byte-identical.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GraphBuilder(string name) => _graph = new GraphProto { Name = name };

    public GraphProto Graph => _graph;

    /// <summary>A float32 graph input; dims are sizes (long) or symbolic names (string).</summary>
    public string Input(string name, params Dim[] dims)
    {
        _graph.Input.Add(ValueInfo(Claim(name), dims));
        return name;
    }

    /// <summary>
    /// A float32 graph input whose default is an initializer of the same name (overridable at run time).
    /// The declared shape may be looser than the default's (e.g. [B or 1, T or 1, N]).
    /// </summary>
    public string InputWithDefault(string name, float[] values, long[] defaultDims, params Dim[] declared)
    {
        _graph.Input.Add(ValueInfo(Claim(name), declared));
        _graph.Initializer.Add(Tensor(name, values, defaultDims));
        return name;
    }

    public string Output(string name, params Dim[] dims)
    {
        _graph.Output.Add(ValueInfo(name, dims));
        return name;
    }

    /// <summary>A constant tensor stored with the model (weights, time constants).</summary>
    public string Initializer(string name, float[] values, params long[] dims)
    {
        _graph.Initializer.Add(Tensor(Claim(name), values, dims));
        return name;
    }

    /// <summary>An int64 constant tensor (indices, shapes), stored as an initializer.</summary>
    public string Int64Initializer(string name, long[] values, params long[] dims)
    {
        var t = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims);
        t.Int64Data.AddRange(values);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>A scalar float constant produced by a Constant node (kept out of the initializer list).</summary>
    public string Scalar(string name, float value) =>
        Op("Constant", [], name, Attr.Tensor("value", Tensor("", [value], [])));

    /// <summary>Adds one node; returns the name of its (first) output.</summary>
    public string Op(string opType, string[] inputs, string output, params Attr[] attributes) =>
        Op(opType, inputs, [output], attributes)[0];

    public string[] Op(string opType, string[] inputs, string[] outputs, params Attr[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = outputs[0] };
        node.Input.AddRange(inputs);
        foreach (var o in outputs) node.Output.Add(o.Length == 0 ? o : Claim(o));
        foreach (var a in attributes) node.Attribute.Add(a.Proto);
        _graph.Node.Add(node);
        return outputs;
    }

    private string Claim(string name)
    {
        if (!_names.Add(name)) throw new InvalidOperationException($"graph '{_graph.Name}' already defines '{name}'");
        return name;
    }

    internal static ValueInfoProto ValueInfo(string name, Dim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d.Symbol is { } s
                ? new TensorShapeProto.Types.Dimension { DimParam = s }
                : new TensorShapeProto.Types.Dimension { DimValue = d.Size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    /// <summary>Float32 tensor stored little-endian in raw_data (the compact, canonical layout).</summary>
    internal static TensorProto Tensor(string name, float[] values, long[] dims)
    {
        long count = dims.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length)
            throw new InvalidOperationException($"tensor '{name}' has {values.Length} values for dims [{string.Join(",", dims)}]");
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        return t;
    }
}

/// <summary>One dimension of a declared shape: a fixed size or a symbolic name such as "B" or "T".</summary>
internal readonly record struct Dim(long Size, string? Symbol)
{
    public static implicit operator Dim(long size) => new(size, null);
    public static implicit operator Dim(int size) => new(size, null);
    public static implicit operator Dim(string symbol) => new(0, symbol);
}

/// <summary>A node attribute.</summary>
internal sealed class Attr
{
    private Attr(AttributeProto proto) => Proto = proto;
    public AttributeProto Proto { get; }

    public static Attr Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static Attr Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return new(a);
    }

    public static Attr Graph(string name, GraphProto graph) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph });

    public static Attr Tensor(string name, TensorProto tensor) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
}
