using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Variants;

/// <summary>
/// Compiles in-memory variants of a model for the simulator from the weights a <see cref="Reading.ModelReader"/>
/// returned; the shared file stays the canonical one. The variant has the canonical inputs and outputs plus
/// the ports asked for, each with a neutral default, and is built by the same graph code as the canonical
/// model, so a control run (ports at their neutral values) is bitwise equal to the canonical graph.
/// </summary>
public static class ModelVariantCompiler
{
    /// <summary>Metadata key marking a compiled variant (never present in a canonical file).</summary>
    public const string VariantKey = "eirnn.variant";

    /// <summary>The variant as ONNX bytes (ONNX Runtime sessions load them directly).</summary>
    /// <exception cref="ModelFileException">The network is not a rate network.</exception>
    public static byte[] Compile(TrainedNetwork network, PerturbationPorts ports, ScanLayout layout = ScanLayout.BatchMajor)
    {
        if (network.Spec.Arch != NetworkArch.EiRnn)
            throw new ModelFileException($"perturbation variants are defined for ei-rnn models only, not {network.Spec.Arch}");
        var model = ModelExporter.Build(network, ports, layout);
        if (ports.Any || layout != ScanLayout.BatchMajor)
            model.MetadataProps.Add(new StringStringEntryProto { Key = VariantKey, Value = Describe(ports, layout) });
        return model.ToByteArray();
    }

    private static string Describe(PerturbationPorts p, ScanLayout layout) =>
        string.Join(",", new (bool On, string Name)[]
        {
            (p.Lesion, PortNames.LesionMask), (p.Lesion, PortNames.LesionInit), (p.Stimulation, PortNames.Stim), (p.RecurrentBlockScale, PortNames.WRecScale),
            (p.InputOutputScale, PortNames.WInScale), (p.InputOutputScale, PortNames.WOutScale), (p.InputGain, PortNames.InputGain),
            (p.NoiseScale, PortNames.SigmaInScale), (p.NoiseScale, PortNames.SigmaRecScale), (layout == ScanLayout.TimeMajor, "time_major"),
        }.Where(x => x.On).Select(x => x.Name));
}
