using EiRnn.Core.Network;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Noise;

namespace EiRnn.Simulation.Session;

/// <summary>
/// The feeder's side of a variant's <see cref="NoiseRecFeed"/>: the per-unit std and step bias of the network the
/// variant was compiled from (which may differ from the file's, e.g. with edited weights).
/// </summary>
internal sealed record NoiseRecMap(NoiseRecFeed Feed, TrainedNetwork Network)
{

    /// <summary>Null for standard normals; otherwise noise ↦ noise·std_i (+ α_i·b_rec,i) as the graph would compute it.</summary>
    public RowAffine? For(float dtMs, float sigmaRec, float sigmaRecScale, bool hasNoiseScalePort)
    {
        if (Feed == NoiseRecFeed.StandardNormal) return null;
        var tau = Network.Spec.TauMs;
        var std = ModelVariantCompiler.RecurrentNoiseStd(tau, dtMs, sigmaRec, sigmaRecScale, hasNoiseScalePort);
        if (Feed == NoiseRecFeed.Scaled) return RowAffine.Of(std);
        // The variant compiled from this network, so it is a rate network with weights (the compiler refuses any other).
        return RowAffine.Of(std, ModelVariantCompiler.StepBias(tau, Network.Weights!.BRec, dtMs));
    }
}
