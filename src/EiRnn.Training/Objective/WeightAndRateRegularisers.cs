using EiRnn.Core.Config;
using EiRnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Objective;

/// <summary>
/// L1/L2 penalties on the weights (plastic matrices for pycog, effective ones for PsychRNN) and the L2
/// penalty on rates (docs/training.md#weight-and-rate-regularisers), each a mean over all entries times its λ.
/// </summary>
public sealed class WeightAndRateRegularisers(RateNetworkConfig config)
{
    public bool Any => config.L1In + config.L1Rec + config.L1Out + config.L2In + config.L2Rec + config.L2Out + config.L2Rate > 0;

    /// <summary>The summed penalty, or null when every λ is 0. rates: r [B,T,N] (all steps, unmasked).</summary>
    public Tensor? Compute(RateNetwork model, Tensor rates)
    {
        if (!Any) return null;
        bool effective = config.RegulariseEffectiveWeights;
        Tensor? total = null;
        void Add(double lambda, Func<Tensor> term)
        {
            if (lambda <= 0) return;
            var t = term().Times(lambda);
            total = total is null ? t : total.Plus(t);
        }
        Tensor WIn() => effective ? model.InputWeights() : model.WInPlastic;
        Tensor WRec() => effective ? model.RecurrentWeights() : model.WRecPlastic;
        Tensor WOut() => effective ? model.OutputWeights() : model.WOutPlastic;
        Add(config.L1In, () => WIn().abs().mean());
        Add(config.L1Rec, () => WRec().abs().mean());
        Add(config.L1Out, () => WOut().abs().mean());
        Add(config.L2In, () => WIn().Squared().mean());
        Add(config.L2Rec, () => WRec().Squared().mean());
        Add(config.L2Out, () => WOut().Squared().mean());
        Add(config.L2Rate, () => rates.Squared().mean());
        return total;
    }
}
