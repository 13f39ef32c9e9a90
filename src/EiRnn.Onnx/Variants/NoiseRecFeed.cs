namespace EiRnn.Onnx.Variants;

/// <summary>
/// What a compiled time-major variant takes as <c>noise_rec</c>. The canonical graph takes standard normals and
/// computes each step's drive offset, noise·std_i + α_i·b_rec,i, itself; a variant may take part of that offset
/// precomputed by the feeder (the same IEEE single operations in the same order, so the same bits), which spares
/// the Scan a pass over every step's [B,N] values per operation moved out.
/// </summary>
public enum NoiseRecFeed
{
    /// <summary>Standard normals, as in the canonical file.</summary>
    StandardNormal,

    /// <summary>noise·std_i, std_i = sqrt(2·dt/τ_i)·σ_rec [·σ_rec_scale] (<see cref="ModelVariantCompiler.RecurrentNoiseStd"/>).</summary>
    Scaled,

    /// <summary>
    /// noise·std_i + α_i·b_rec,i (<see cref="ModelVariantCompiler.StepBias"/>): the whole offset. Not for a variant with a
    /// stim port, whose bias varies with the trial and step and is added in the graph.
    /// </summary>
    DriveOffset,
}
