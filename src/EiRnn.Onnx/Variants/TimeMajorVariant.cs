using Google.Protobuf;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Variants;

/// <summary>
/// The time-major rewrite of another producer's graph (allowed by docs/onnx-contract.md#variants-compiled-by-the-simulator): the Scan
/// iterates over axis 0 of [T,B,·] feeds and outputs instead of axis 1 of [B,T,·], which spares ONNX Runtime
/// a transpose of every scanned tensor (about 1.6x faster at N = 150). Only graphs whose Scan reads
/// u / noise_in / noise_rec and writes z / r directly are rewritten; anything else runs as it is. The
/// project's own graphs are not rewritten but recompiled time-major from their weights (<see cref="ModelVariantCompiler"/>).
/// </summary>
public static class TimeMajorVariant
{
    private static readonly string[] ScannedInputs = [Inputs.U, Inputs.NoiseIn, Inputs.NoiseRec];
    private static readonly string[] ScannedOutputs = [Outputs.Z, Outputs.R];

    /// <summary>The rewritten model's bytes, or null when the graph is not of the simple form.</summary>
    public static byte[]? TryCompile(byte[] file)
    {
        var model = ModelProto.Parser.ParseFrom(file);
        var graph = model.Graph;
        var scans = graph.Node.Where(n => n.OpType == "Scan").ToList();
        if (scans.Count != 1) return null;
        var scan = scans[0];
        var numScanInputs = scan.Attribute.FirstOrDefault(a => a.Name == "num_scan_inputs")?.I ?? 0;
        int stateCount = scan.Input.Count - (int)numScanInputs;
        var scanIn = scan.Input.Skip(stateCount).ToArray();
        var scanOut = scan.Output.Skip(stateCount).ToArray();
        if (!ScannedInputs.All(scanIn.Contains) || scanIn.Length != ScannedInputs.Length) return null;
        if (!ScannedOutputs.All(scanOut.Contains) || scanOut.Length != ScannedOutputs.Length) return null;
        // The scanned tensors must touch nothing but the Scan.
        foreach (var node in graph.Node)
            if (node != scan && node.Input.Any(i => ScannedInputs.Contains(i) || ScannedOutputs.Contains(i))) return null;
        if (!AllAxesAre(scan, "scan_input_axes", 1, scanIn.Length) || !AllAxesAre(scan, "scan_output_axes", 1, scanOut.Length)) return null;
        if (scan.Attribute.Any(a => a.Name is "scan_input_directions" or "scan_output_directions" && a.Ints.Any(d => d != 0))) return null;

        foreach (var a in scan.Attribute.Where(a => a.Name is "scan_input_axes" or "scan_output_axes"))
            for (int i = 0; i < a.Ints.Count; i++) a.Ints[i] = 0;
        foreach (var v in graph.Input.Where(v => ScannedInputs.Contains(v.Name)).Concat(graph.Output.Where(v => ScannedOutputs.Contains(v.Name))))
        {
            var dims = v.Type?.TensorType?.Shape?.Dim;
            if (dims is null || dims.Count != 3) return null;
            (dims[0], dims[1]) = (dims[1], dims[0]);
        }
        return model.ToByteArray();
    }

    private static bool AllAxesAre(NodeProto scan, string name, long axis, int count)
    {
        var attr = scan.Attribute.FirstOrDefault(a => a.Name == name);
        return attr is not null && attr.Ints.Count == count && attr.Ints.All(x => x == axis);
    }
}
