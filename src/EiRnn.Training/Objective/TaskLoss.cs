using EiRnn.Core.Config;
using EiRnn.Core.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Objective;

/// <summary>
/// The task loss of SPEC.md §3.1: squared error for linear/rectified outputs, binary cross-entropy for sigmoid
/// outputs, categorical cross-entropy for softmax outputs, masked by M^err and normalised as configured.
/// </summary>
public sealed class TaskLoss(LossNormalisation normalisation, OutputNonlinearity output)
{
    private const double Eps = 1e-7;

    /// <summary>z, target, mask: [B,T,Nout]; trialSteps [B] (unpadded lengths, for Eq 16).</summary>
    public Tensor Compute(Tensor z, Tensor target, Tensor mask, Tensor trialSteps)
    {
        var perEntry = mask * Elementwise(z, target);
        return normalisation switch
        {
            LossNormalisation.MaskedMean => perEntry.sum() / mask.sum().clamp_min(1),
            LossNormalisation.PerTrialMean => (perEntry.sum([1, 2]) / (trialSteps * z.shape[2])).mean(),
            LossNormalisation.PsychrnnMean => perEntry.mean(),
            _ => throw new ArgumentOutOfRangeException(nameof(normalisation)),
        };
    }

    /// <summary>Root of the masked mean squared error (reported at each validation).</summary>
    public static Tensor Rmse(Tensor z, Tensor target, Tensor mask) =>
        ((mask * (z - target).square()).sum() / mask.sum().clamp_min(1)).sqrt();

    private Tensor Elementwise(Tensor z, Tensor y)
    {
        switch (output)
        {
            case OutputNonlinearity.Sigmoid:
            {
                // PsychRNN clips p to [ε, 1−ε] before the ε-shifted logs; harmless for the pycog form.
                var p = normalisation == LossNormalisation.PsychrnnMean ? z.clamp(Eps, 1 - Eps) : z;
                return -(y * (p + Eps).log() + (1 - y) * (1 - p + Eps).log());
            }
            case OutputNonlinearity.Softmax:
                return -(y * (z + Eps).log());
            default:
                return (z - y).square();
        }
    }
}
