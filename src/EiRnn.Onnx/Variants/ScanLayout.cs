namespace EiRnn.Onnx.Variants;

/// <summary>
/// Memory order of the scanned tensors of a compiled graph: u, noise_in, noise_rec, the lesion_mask and stim
/// ports, z and r. The canonical file is batch-major [B,T,·]; a time-major variant [T,B,·] lets the Scan
/// slice every step in place instead of transposing each scanned tensor on the way in and out. Both layouts
/// perform the same floating-point operations on every element.
/// </summary>
public enum ScanLayout
{
    BatchMajor,
    TimeMajor,
}
