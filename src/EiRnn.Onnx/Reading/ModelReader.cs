using EiRnn.Core.Errors;
using EiRnn.Core.Io;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Variants;
using Google.Protobuf;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Reading;

/// <summary>
/// Reads a model file and validates it against the contract of docs/onnx-contract.md without ONNX Runtime: versions,
/// metadata, graph inputs/outputs, tensors inside the file, shapes that agree with the metadata, and
/// declared sizes within a memory limit. Every violation is a <see cref="ModelFileException"/> naming it.
/// </summary>
public static class ModelReader
{
    public static ModelFile Read(string path, ModelReadLimits? limits = null)
    {
        limits = (limits ?? ModelReadLimits.Default).Validated();
        var info = new FileInfo(path);
        if (!info.Exists) throw new ModelFileException($"{path}: model file does not exist");
        if (info.Length > limits.MaxFileBytes)
            throw new ModelFileException($"{path}: file is {info.Length} bytes, above the memory limit of {limits.MaxFileBytes} bytes");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (SafeFile.IsIoFailure(e)) { throw SafeFile.Describe("read", path, e); }
        return Read(bytes, path, limits);
    }

    public static ModelFile Read(byte[] bytes, string source, ModelReadLimits? limits = null)
    {
        limits = (limits ?? ModelReadLimits.Default).Validated();
        if (bytes.Length > limits.MaxFileBytes)
            throw new ModelFileException($"{source}: file is {bytes.Length} bytes, above the memory limit of {limits.MaxFileBytes} bytes");
        var model = Parse(bytes, source);
        CheckVersions(model, source);
        var meta = new MetadataTable(model, source);
        string format = meta.Text(Meta.Format);
        if (format != FormatVersion)
            throw new ModelFileException($"{source}: metadata eirnn.format is '{format}', this reader knows format {FormatVersion}");
        var graph = model.Graph;
        int scans = graph.Node.Count(n => n.OpType == "Scan" && n.Domain is "" or "ai.onnx");
        if (scans == 0)
            throw new ModelFileException($"{source}: the graph has no Scan node; the contract's time loop is one Scan over time");
        var initializers = new InitializerTable(graph, limits, source);

        string arch = meta.TextOr(Meta.Arch, ArchEiRnn);
        var network = arch switch
        {
            ArchEiRnn => RateModelReader.Read(graph, meta, initializers, source),
            ArchLstm => LstmModelReader.Read(graph, meta, initializers, source),
            _ => throw new ModelFileException($"{source}: metadata eirnn.arch is '{arch}', expected '{ArchEiRnn}' or '{ArchLstm}'"),
        };
        using var specDoc = meta.Json(Meta.Spec);
        var specSource = SpecReader.IsProjectSpec(specDoc.RootElement) ? SpecSource.ProjectSpec : SpecSource.ContractOnly;
        return new ModelFile(network, specSource, format, $"{model.ProducerName} {model.ProducerVersion}".Trim(),
            bytes.Length, MetadataTable.All(model), scans)
        {
            Contents = bytes,
            IsCanonicalGraph = IsCanonical(model.Graph, network),
        };
    }

    /// <summary>Whether the exporter, given the network read from the file, builds exactly the file's graph.</summary>
    private static bool IsCanonical(GraphProto graph, TrainedNetwork network)
    {
        try { return ModelExporter.Build(network, GraphVariant.Canonical).Graph.Equals(graph); }
        // A network the exporter rejects cannot have come from it.
        catch (Exception e) when (e is EiRnnException or ArgumentException or InvalidOperationException) { return false; }
    }

    private static ModelProto Parse(byte[] bytes, string source)
    {
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFileException($"{source}: not a readable ONNX file (truncated or corrupt): {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new ModelFileException($"{source}: not a readable ONNX file (truncated or corrupt): it holds no graph");
        return model;
    }

    private static void CheckVersions(ModelProto model, string source)
    {
        if (model.IrVersion != IrVersion)
            throw new ModelFileException($"{source}: IR version is {model.IrVersion}, the contract requires IR version {IrVersion}");
        var onnxDomain = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").ToArray();
        if (onnxDomain.Length == 0)
            throw new ModelFileException($"{source}: no opset import for the default ONNX domain; the contract requires opset {Opset}");
        if (onnxDomain.Any(o => o.Version != Opset))
            throw new ModelFileException($"{source}: opset is {onnxDomain[0].Version}, the contract requires opset {Opset}");
    }
}
