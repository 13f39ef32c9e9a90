using EiRnn.Core.Config;
using TorchSharp;
using EiRnn.Training.Model;
using static TorchSharp.torch;

namespace EiRnn.Training.Optimisation;

/// <summary>
/// Gradient clipping and the non-finite safeguard of docs/training.md#gradient-clipping-and-the-non-finite-safeguard: the global norm over all trained
/// parameters is checked first; NaN, ±Inf or &gt; 10¹⁰ means "do not update" (the caller shrinks W_rec^pl
/// instead). Otherwise the gradients are clipped globally to G (pycog) or per tensor (PsychRNN).
/// </summary>
public static class GradientSafeguard
{
    public const double HugeNorm = 1e10;

    /// <summary>Returns the global norm and whether the gradient is usable; clips in place when it is.</summary>
    public static (double Norm, bool Usable) Clip(IReadOnlyList<Tensor> gradients, GradientClipping clipping, double maxNorm)
    {
        using var noGrad = no_grad();
        double sumSquares = 0;
        var norms = new double[gradients.Count];
        for (int i = 0; i < gradients.Count; i++)
        {
            using var n2 = gradients[i].to_type(ScalarType.Float64).Squared().sum();
            double v = n2.item<double>();
            norms[i] = Math.Sqrt(v);
            sumSquares += v;
        }
        double norm = Math.Sqrt(sumSquares);
        if (!double.IsFinite(norm) || norm > HugeNorm) return (norm, false);
        switch (clipping)
        {
            case GradientClipping.GlobalNorm when norm > maxNorm:
                foreach (var g in gradients) g.TimesInPlace(maxNorm / norm);
                break;
            case GradientClipping.PerTensor:
                for (int i = 0; i < gradients.Count; i++)
                    if (norms[i] > maxNorm) gradients[i].TimesInPlace(maxNorm / norms[i]);
                break;
        }
        return (norm, true);
    }
}
