using System.Text.Json.Serialization;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Config;

/// <summary>
/// <c>"network": {"type": "rate", ...}</c>: the E/I rate network of docs/model.md with its initialisers
/// (docs/training.md#initialisation) and the terms of the objective that act on its weights and rates
/// (docs/training.md#weight-and-rate-regularisers, docs/training.md#vanishing-gradient-regulariser-omega).
/// </summary>
public sealed record RateNetworkConfig : NetworkConfig
{
    [JsonIgnore] public override NetworkArch Arch => NetworkArch.EiRnn;

    // Network (docs/model.md).
    public double ExcitatoryFraction { get; init; } = 0.8;
    public bool Dale { get; init; } = true;
    public double TauMs { get; init; } = 100;
    /// <summary>Per-unit τ for inhibitory units; null = same as tau_ms.</summary>
    public double? TauInhibitoryMs { get; init; }
    public double TauInMs { get; init; } = 100;
    public double SigmaRec { get; init; } = 0.15;
    public double SigmaIn { get; init; } = 0.01;
    public double U0 { get; init; } = 0.2;
    public bool RectifyInputs { get; init; } = true;
    public HiddenNonlinearity Hidden { get; init; } = HiddenNonlinearity.Rectify;
    public OutputNonlinearity Output { get; init; } = OutputNonlinearity.Linear;
    public ConnectivityStructure Structure { get; init; } = ConnectivityStructure.Dense;
    public bool ReadoutFromAllUnits { get; init; }
    public bool Autapses { get; init; }
    public bool ConnectStartCue { get; init; }
    public Positivity Positivity { get; init; } = Positivity.Rectify;
    public bool TrainRecurrentBias { get; init; }
    public bool TrainOutputBias { get; init; }
    public bool TrainInitialState { get; init; } = true;
    public double InitialState { get; init; } = 0.1;
    /// <summary>Std of the Gaussian added to each unit's initial state (PsychRNN 0.01).</summary>
    public double InitialStateNoise { get; init; }
    /// <summary>Continuous mode (docs/model.md#initial-state): carry the detached state from trial to trial in training.</summary>
    public bool CarryStateInTraining { get; init; }

    // Initialisation (docs/training.md#initialisation).
    public RecurrentInit RecurrentInit { get; init; } = RecurrentInit.Pycog;
    public double SpectralRadius { get; init; } = 1.5;
    public double AlphaIdentity { get; init; } = 1.0;
    public double GammaShape { get; init; } = 2;
    public InputOutputInit InputOutputInit { get; init; } = InputOutputInit.PycogUniform;

    // Regularisers (docs/training.md#weight-and-rate-regularisers) and Ω.
    public double L1In { get; init; }
    public double L1Rec { get; init; }
    public double L1Out { get; init; }
    public double L2In { get; init; }
    public double L2Rec { get; init; }
    public double L2Out { get; init; }
    public double L2Rate { get; init; }
    /// <summary>PsychRNN: weight regularisers act on the effective (masked, signed) weights.</summary>
    public bool RegulariseEffectiveWeights { get; init; }
    public double LambdaOmega { get; init; } = 2;
    public OmegaForm OmegaForm { get; init; } = OmegaForm.Exact;
    /// <summary>With the exact form: f′ at x_t instead of x_{t−1} (neither the Jacobian nor the authors' form).</summary>
    public bool OmegaDerivativeAtCurrentStep { get; init; }

    /// <summary>Pruning after training (docs/training.md#pruning-after-training): |w| below this becomes 0.</summary>
    public double WMin { get; init; } = 1e-4;

    public override void Validate(TrainConfig shared)
    {
        static void Need(bool ok, string path, string range, object value)
        {
            if (!ok) throw new ConfigException(path, $"must be {range}, got {value}");
        }
        static bool Pos(double v) => v > 0 && double.IsFinite(v);
        static bool NonNeg(double v) => v >= 0 && double.IsFinite(v);

        base.Validate(shared);
        Need(ExcitatoryFraction >= 0 && ExcitatoryFraction <= 1, "network.excitatory_fraction", "in [0, 1]", ExcitatoryFraction);
        Need(!Dale || (int)Math.Floor(ExcitatoryFraction * N + 1e-9) >= 1, "network.excitatory_fraction", "large enough for at least one excitatory unit", ExcitatoryFraction);
        Need(Pos(TauMs), "network.tau_ms", "> 0", TauMs);
        Need(TauInhibitoryMs is null || Pos(TauInhibitoryMs.Value), "network.tau_inhibitory_ms", "> 0 or null", TauInhibitoryMs!);
        Need(Pos(TauInMs), "network.tau_in_ms", "> 0", TauInMs);
        double tauMin = Math.Min(TauMs, TauInhibitoryMs ?? TauMs);
        Need(shared.DtMs <= tauMin, "dt_ms", $"in (0, {tauMin}] (at most the smallest network tau)", shared.DtMs);
        Need(NonNeg(SigmaRec), "network.sigma_rec", ">= 0", SigmaRec);
        Need(NonNeg(SigmaIn), "network.sigma_in", ">= 0", SigmaIn);
        Need(double.IsFinite(U0), "network.u0", "finite", U0);
        Need(double.IsFinite(InitialState), "network.initial_state", "finite", InitialState);
        Need(NonNeg(InitialStateNoise), "network.initial_state_noise", ">= 0", InitialStateNoise);
        Need(!CarryStateInTraining || shared.BatchSize == 1, "batch_size", "1 when network.carry_state_in_training is true", shared.BatchSize);
        Need(Pos(SpectralRadius) && SpectralRadius <= 100, "network.spectral_radius", "in (0, 100]", SpectralRadius);
        Need(double.IsFinite(AlphaIdentity), "network.alpha_identity", "finite", AlphaIdentity);
        Need(Pos(GammaShape), "network.gamma_shape", "> 0", GammaShape);
        foreach (var (name, v) in new[] { ("l1_in", L1In), ("l1_rec", L1Rec), ("l1_out", L1Out), ("l2_in", L2In),
                     ("l2_rec", L2Rec), ("l2_out", L2Out), ("l2_rate", L2Rate), ("lambda_omega", LambdaOmega) })
            Need(NonNeg(v), $"network.{name}", ">= 0", v);
        Need(!(OmegaDerivativeAtCurrentStep && OmegaForm == OmegaForm.Pycog), "network.omega_derivative_at_current_step",
            "false when network.omega_form is pycog (that form fixes where f′ is taken)", OmegaDerivativeAtCurrentStep);
        Need(NonNeg(WMin), "network.w_min", ">= 0", WMin);
    }
}
