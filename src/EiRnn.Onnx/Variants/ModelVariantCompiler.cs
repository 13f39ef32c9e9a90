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
    /// <exception cref="ArgumentException">The variant combines options the graph code cannot build (<see cref="GraphVariant.Validated"/>).</exception>
    public static byte[] Compile(TrainedNetwork network, GraphVariant variant)
    {
        if (network.Spec.Arch != NetworkArch.EiRnn)
            throw new ModelFileException($"perturbation variants are defined for ei-rnn models only, not {network.Spec.Arch}");
        var model = ModelExporter.Build(network, variant.Validated());
        if (variant.Ports.Any || variant.Layout != ScanLayout.BatchMajor)
            model.MetadataProps.Add(new StringStringEntryProto { Key = VariantKey, Value = Describe(variant) });
        return model.ToByteArray();
    }

    /// <summary>The fastest feed a time-major variant with these ports can take: the whole drive offset unless a stim port varies the bias.</summary>
    public static NoiseRecFeed FastestNoiseRecFeed(PerturbationPorts ports) => ports.Stimulation ? NoiseRecFeed.Scaled : NoiseRecFeed.DriveOffset;

    /// <summary>
    /// Per-unit std of the recurrent noise of one step, std_i = sqrt(2·(dt/τ_i))·(σ_rec·σ_rec_scale), with the
    /// graph's single-precision operations in the graph's order (a variant with scaled noise is fed noise·std_i).
    /// </summary>
    public static float[] RecurrentNoiseStd(IReadOnlyList<float> tauMs, float dtMs, float sigmaRec, float sigmaRecScale, bool hasNoiseScalePort)
    {
        float sigma = hasNoiseScalePort ? sigmaRec * sigmaRecScale : sigmaRec;
        var std = new float[tauMs.Count];
        for (int i = 0; i < std.Length; i++) std[i] = MathF.Sqrt(2f * (dtMs / tauMs[i])) * sigma;
        return std;
    }

    /// <summary>
    /// Per-unit bias of one step, α_i·b_rec,i with α_i = dt/τ_i, as the graph computes it (a variant fed the drive
    /// offset is fed noise·std_i + α_i·b_rec,i).
    /// </summary>
    public static float[] StepBias(IReadOnlyList<float> tauMs, IReadOnlyList<float> bRec, float dtMs)
    {
        if (bRec.Count != tauMs.Count) throw new ArgumentException($"b_rec has {bRec.Count} values for {tauMs.Count} units", nameof(bRec));
        var bias = new float[tauMs.Count];
        for (int i = 0; i < bias.Length; i++) bias[i] = bRec[i] * (dtMs / tauMs[i]);
        return bias;
    }

    private static string Describe(GraphVariant v) =>
        string.Join(",", new (bool On, string Name)[]
        {
            (v.Ports.Lesion, PortNames.LesionMask), (v.Ports.Lesion, PortNames.LesionInit), (v.Ports.Stimulation, PortNames.Stim), (v.Ports.RecurrentBlockScale, PortNames.WRecScale),
            (v.Ports.InputOutputScale, PortNames.WInScale), (v.Ports.InputOutputScale, PortNames.WOutScale), (v.Ports.InputGain, PortNames.InputGain),
            (v.Ports.NoiseScale, PortNames.SigmaInScale), (v.Ports.NoiseScale, PortNames.SigmaRecScale), (v.Layout == ScanLayout.TimeMajor, "time_major"),
            (v.NoiseRecFeed == NoiseRecFeed.Scaled, "scaled_noise_rec"), (v.NoiseRecFeed == NoiseRecFeed.DriveOffset, "noise_rec_drive_offset"),
        }.Where(x => x.On).Select(x => x.Name));
}
