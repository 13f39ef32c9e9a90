using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Graph;
using EiRnn.Onnx.Variants;
using Google.Protobuf;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;
using EiRnn.Core.Io;

namespace EiRnn.Onnx.Export;

/// <summary>
/// Matrix-valued (correlated) noise of a trained network. The ONNX contract has scalar σ_in and σ_rec only,
/// so a network that has either cannot be exported.
/// </summary>
public sealed record CorrelatedNoise(float[]? InputCovariance, float[]? RecurrentCovariance);

/// <summary>
/// Turns a trained network into the canonical model file of docs/onnx-contract.md (opset 17, IR 8, one Scan over time,
/// effective weights as initializers, provenance in metadata_props). Same network → same bytes.
/// </summary>
public static class ModelExporter
{
    /// <summary>The canonical model as bytes.</summary>
    /// <exception cref="ModelFileException">The network cannot be expressed in the contract.</exception>
    public static byte[] Export(TrainedNetwork network, CorrelatedNoise? correlatedNoise = null)
    {
        RejectCorrelatedNoise(correlatedNoise);
        return Build(network, GraphVariant.Canonical).ToByteArray();
    }

    /// <summary>Writes the canonical model to <paramref name="path"/> via a temporary sibling and a rename.</summary>
    public static void Save(TrainedNetwork network, string path, CorrelatedNoise? correlatedNoise = null)
    {
        byte[] bytes = Export(network, correlatedNoise);
        string full = Path.GetFullPath(path);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp");
        try
        {
            SafeFile.Guard("write", path, () => File.WriteAllBytes(tmp, bytes));
            SafeFile.Move(tmp, full);
        }
        finally { SafeFile.TryDelete(tmp); }
    }

    /// <summary>The model (canonical, or a variant with perturbation ports or time-major scanned tensors) as a protobuf message.</summary>
    internal static ModelProto Build(TrainedNetwork network, GraphVariant variant)
    {
        var spec = network.Spec.Validated();
        var g = new GraphBuilder("eirnn");
        switch (spec.Arch)
        {
            case NetworkArch.EiRnn:
                var weights = network.Weights ?? throw new ModelFileException("cannot export: the ei-rnn network has no rate-network weights");
                RateNetworkGraph.Compose(g, spec, weights.Validated(spec), variant);
                break;
            case NetworkArch.Lstm:
                if (variant.Ports.Any) throw new ModelFileException("perturbation ports are defined for ei-rnn models only, not lstm");
                if (variant != GraphVariant.Canonical) throw new ModelFileException("time-major and last-rates variants are defined for ei-rnn models only, not lstm");
                var lstm = network.Lstm ?? throw new ModelFileException("cannot export: the lstm network has no LSTM weights");
                LstmNetworkGraph.Compose(g, spec, lstm);
                break;
            default:
                throw new ModelFileException($"cannot export architecture {spec.Arch}");
        }
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ModelMetadata.ProducerVersion(),
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        ModelMetadata.Write(model, network);
        return model;
    }

    private static void RejectCorrelatedNoise(CorrelatedNoise? noise)
    {
        if (noise is null) return;
        string? which = noise.InputCovariance is not null ? "input (sigma_in)" : noise.RecurrentCovariance is not null ? "recurrent (sigma_rec)" : null;
        if (which is not null)
            throw new ModelFileException(
                $"cannot export: correlated (matrix) {which} noise is not exportable; the ONNX contract has scalar sigma_in and sigma_rec only");
    }
}
