using EiRnn.Core.Errors;
using Onnx;

namespace EiRnn.Onnx.Reading;

/// <summary>One expected graph input or output: its name and dims (null = any size, e.g. B and T).</summary>
internal sealed record Port(string Name, params long?[] Dims)
{
    public static Port Scalar(string name) => new(name);
}

/// <summary>Checks the graph's declared inputs and outputs against the contract: names, float32, ranks, sizes.</summary>
internal static class GraphInterface
{
    public static void Require(GraphProto graph, IEnumerable<Port> inputs, IEnumerable<Port> outputs, string source)
    {
        foreach (var p in inputs) Check(graph.Input, p, "input", source);
        foreach (var p in outputs) Check(graph.Output, p, "output", source);
    }

    private static void Check(IEnumerable<ValueInfoProto> declared, Port port, string kind, string source)
    {
        var v = declared.FirstOrDefault(d => d.Name == port.Name)
                ?? throw new ModelFileException($"{source}: required graph {kind} '{port.Name}' is missing");
        var tensor = v.Type?.TensorType
                     ?? throw new ModelFileException($"{source}: graph {kind} '{port.Name}' is not a tensor");
        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new ModelFileException($"{source}: graph {kind} '{port.Name}' must be float32 (element type {tensor.ElemType} found)");
        if (tensor.Shape is null) return; // shape not declared: nothing more to check
        var dims = tensor.Shape.Dim;
        bool scalarLike = port.Dims.Length == 0 && dims.Count == 1 && dims[0].HasDimValue && dims[0].DimValue == 1;
        if (dims.Count != port.Dims.Length && !scalarLike)
            throw new ModelFileException($"{source}: graph {kind} '{port.Name}' has rank {dims.Count}, the contract says {port.Dims.Length}");
        for (int i = 0; i < port.Dims.Length; i++)
            if (port.Dims[i] is long expected && dims[i].HasDimValue && dims[i].DimValue != expected)
                throw new ModelFileException(
                    $"{source}: graph {kind} '{port.Name}' has size {dims[i].DimValue} in dimension {i}, the metadata says {expected}");
    }
}
