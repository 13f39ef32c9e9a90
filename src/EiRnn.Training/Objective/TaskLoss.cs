using EiRnn.Core.Config;
using EiRnn.Core.Network;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Objective;

/// <summary>
/// The task loss of docs/training.md#loss: squared error for linear/rectified outputs, binary cross-entropy for sigmoid
/// outputs, categorical cross-entropy for softmax outputs, masked by M^err and normalised as configured.
/// </summary>
public sealed class TaskLoss(LossNormalisation normalisation, OutputNonlinearity output)
{
    private const double Eps = 1e-7;

    /// <summary>z, target, mask: [B,T,Nout]; trialSteps [B] (unpadded lengths, for Eq 16).</summary>
    public Tensor Compute(Tensor z, Tensor target, Tensor mask, Tensor trialSteps)
    {
        var perEntry = mask.mul(Elementwise(z, target));
        return normalisation switch
        {
            LossNormalisation.MaskedMean => perEntry.sum().div(mask.sum().ClampMin(1)),
            LossNormalisation.PerTrialMean => perEntry.sum([1, 2]).div(trialSteps.Times(z.shape[2])).mean(),
            LossNormalisation.PsychrnnMean => perEntry.mean(),
            _ => throw new InvalidOperationException($"unknown loss normalisation {normalisation}"),
        };
    }

    /// <summary>Root of the masked mean squared error (reported at each validation).</summary>
    public static Tensor Rmse(Tensor z, Tensor target, Tensor mask) =>
        mask.mul(z.sub(target).Squared()).sum().div(mask.sum().ClampMin(1)).sqrt();

    private Tensor Elementwise(Tensor z, Tensor y)
    {
        switch (output)
        {
            case OutputNonlinearity.Sigmoid:
            {
                // PsychRNN clips p to [ε, 1−ε] before the ε-shifted logs; harmless for the pycog form.
                var p = normalisation == LossNormalisation.PsychrnnMean ? z.Clamp(Eps, 1 - Eps) : z;
                return y.mul(p.Plus(Eps).log()).Plus(y.OneMinus().mul(p.OneMinus().Plus(Eps).log())).neg();
            }
            case OutputNonlinearity.Softmax:
                return y.mul(z.Plus(Eps).log()).neg();
            default:
                return z.sub(y).Squared();
        }
    }
}
