using System.Text.Json.Nodes;
using System.Text.Json;
using EiRnn.Core.Errors;
using EiRnn.Core.Network;

namespace EiRnn.Core.Config;

/// <summary>How plastic weights are made non-negative before Dale's signs (docs/model.md#dales-law-and-effective-weights, docs/training.md#psychrnn-preset).</summary>
public enum Positivity { Rectify, AbsoluteValue }

/// <summary>Recurrent initialiser (docs/training.md#initialisation). <c>Pycog</c>: gamma (Dale) or Gaussian ρ 1.1 (non-Dale).</summary>
public enum RecurrentInit { Pycog, GaussianSpectralRadius, AlphaIdentity }

/// <summary>Input/output weight initialiser (docs/training.md#pycog-dale-networks step 2, docs/training.md#psychrnn-initialisers).</summary>
public enum InputOutputInit { PycogUniform, GlorotGauss, GlorotUniform, ConstGauss, ConstUniform }

/// <summary>Normalisation of the task loss (docs/training.md#loss).</summary>
public enum LossNormalisation
{
    /// <summary>[Pc]: Σ M·ℓ / Σ M over the whole minibatch (default).</summary>
    MaskedMean,
    /// <summary>[P] Eq 16: per trial Σ M·ℓ / (N_out·T_n), mean over trials.</summary>
    PerTrialMean,
    /// <summary>PsychRNN: mean over all B·T·N_out entries of the masked loss.</summary>
    PsychrnnMean,
}

public enum GradientClipping { GlobalNorm, PerTensor, None }

public enum OptimiserKind { Sgd, Adam, Rmsprop }

/// <summary>
/// Everything `train` needs, resolved: the task's network recipe (TaskNetworkDefaults), the preset's
/// optimiser and objective (docs/training.md, docs/training.md#psychrnn-preset) and the user's overrides. Immutable; a JSON train config
/// holds any subset of these keys (snake_case) and is merged over the defaults by
/// <see cref="WithOverrides"/>; <see cref="Validate"/> checks every range once, at the edge.
/// </summary>
public sealed record TrainConfig
{
    public string Task { get; init; } = "";
    /// <summary>The task's typed options (`eirnn tasks` lists them), as JSON; the resolver parses them into the
    /// task's options record and stores them back complete, so a resolved config shows every value.</summary>
    public JsonElement? TaskOptions { get; init; }
    /// <summary>Curriculum learning (docs/training.md#curriculum-learning); null = train on the task alone.</summary>
    public CurriculumConfig? Curriculum { get; init; }
    public Preset Preset { get; init; } = Preset.Pycog;
    public ulong Seed { get; init; } = 1;
    /// <summary>ei-rnn (the rate network of docs/model.md) or lstm (the baseline of docs/model.md#lstm-baseline, see <see cref="LstmTrainConfig"/>).</summary>
    public NetworkArch Architecture { get; init; } = NetworkArch.EiRnn;

    // Network (docs/model.md).
    public int N { get; init; } = 100;
    public double ExcitatoryFraction { get; init; } = 0.8;
    public bool Dale { get; init; } = true;
    public double TauMs { get; init; } = 100;
    /// <summary>Per-unit τ for inhibitory units; null = same as tau_ms.</summary>
    public double? TauInhibitoryMs { get; init; }
    public double TauInMs { get; init; } = 100;
    public double DtMs { get; init; } = 20;
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

    // Objective (docs/training.md#loss).
    public LossNormalisation Loss { get; init; } = LossNormalisation.MaskedMean;
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
    public bool OmegaDerivativeAtCurrentStep { get; init; }

    // Optimisation (docs/training.md#gradient-clipping-and-the-non-finite-safeguard).
    public OptimiserKind Optimiser { get; init; } = OptimiserKind.Sgd;
    public double LearningRate { get; init; } = 0.01;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    public double RmspropDecay { get; init; } = 0.9;
    public GradientClipping Clipping { get; init; } = GradientClipping.GlobalNorm;
    public double MaxGradNorm { get; init; } = 1;
    /// <summary>Stop with an error after this many consecutive non-finite (or huge) gradients.</summary>
    public int MaxConsecutiveBadGradients { get; init; } = 100;

    // Schedule and stopping (docs/training.md#validation-stopping-and-model-selection).
    public int BatchSize { get; init; } = 20;
    public int ValidationTrials { get; init; } = 1000;
    /// <summary>Updates between validations; 0 = floor(10000 / batch_size).</summary>
    public int ValidationEvery { get; init; }
    /// <summary>Patience in validation intervals without a new best cost (100 in [Pc]).</summary>
    public int PatienceValidations { get; init; } = 100;
    public long MaxUpdates { get; init; } = 10_000_000;
    /// <summary>0 = no limit on trials (PsychRNN tasks: 200 000).</summary>
    public long MaxTrials { get; init; }
    /// <summary>Stop (converged: false unless the criterion was met) after this much training time; 0 = no limit.
    /// Checked at validations, and the run validates once more when the time is up.</summary>
    public double MaxWallSeconds { get; init; }
    public double WMin { get; init; } = 1e-4;

    /// <summary>Updates between validations, resolving 0 to floor(10000 / batch_size) (at least 1).</summary>
    public int EffectiveValidationEvery => ValidationEvery > 0 ? ValidationEvery : Math.Max(1, 10_000 / BatchSize);

    /// <summary>The resolved config as `--print-config` shows it: every key, or for an LSTM only the keys it uses.</summary>
    public string Describe() => Architecture == NetworkArch.Lstm ? LstmTrainConfig.ApplicableJson(this) : JsonConfig.Serialize(this);

    /// <summary>Merges a JSON object of overrides (any subset of keys) over this config.</summary>
    public TrainConfig WithOverrides(string json, string source = "config")
    {
        JsonObject overrides = ParseObject(json, source);
        var merged = JsonNode.Parse(JsonConfig.Serialize(this))!.AsObject();
        foreach (var (key, value) in overrides)
        {
            // Every key exists in the serialised defaults, so anything else is unknown (named here directly).
            if (!merged.ContainsKey(key)) throw new ConfigException(key, "is not a known key").WithFile(source);
            merged[key] = value?.DeepClone();
        }
        return JsonConfig.Parse<TrainConfig>(merged.ToJsonString(), source);
    }

    /// <summary>Reads one top-level key of a JSON config as raw JSON without resolving the rest (task_options).</summary>
    public static JsonElement? PeekElement(string json, string key, string source = "config") =>
        ParseObject(json, source)[key] is { } node ? JsonSerializer.SerializeToElement(node) : null;

    /// <summary>Reads one top-level string key of a JSON config without resolving the rest (task, preset).</summary>
    public static string? PeekString(string json, string key, string source = "config")
    {
        var node = ParseObject(json, source)[key];
        if (node is null) return null;
        try { return node.GetValue<string>(); }
        catch (InvalidOperationException) { throw new ConfigException(key, "must be a string").WithFile(source); }
    }

    private static JsonObject ParseObject(string json, string source) => JsonConfig.ParseObject(json, source);

    /// <summary>Checks every field's range; throws <see cref="ConfigException"/> naming the first bad field.</summary>
    public TrainConfig Validate()
    {
        static void Need(bool ok, string field, string range, object value)
        {
            if (!ok) throw new ConfigException(field, $"must be {range}, got {value}");
        }
        static bool Pos(double v) => v > 0 && double.IsFinite(v);
        static bool NonNeg(double v) => v >= 0 && double.IsFinite(v);

        if (string.IsNullOrWhiteSpace(Task)) throw new ConfigException("task", "is required (give --task NAME or \"task\" in the config)");
        // First, so that a rate-network key in an LSTM config is named as such rather than by its range.
        if (Architecture == NetworkArch.Lstm) LstmTrainConfig.Check(this);
        Need(N >= 2 && N <= 100_000, "n", "in [2, 100000]", N);
        Need(ExcitatoryFraction >= 0 && ExcitatoryFraction <= 1, "excitatory_fraction", "in [0, 1]", ExcitatoryFraction);
        Need(!Dale || (int)Math.Floor(ExcitatoryFraction * N + 1e-9) >= 1, "excitatory_fraction", "large enough for at least one excitatory unit", ExcitatoryFraction);
        Need(Pos(TauMs), "tau_ms", "> 0", TauMs);
        Need(TauInhibitoryMs is null || Pos(TauInhibitoryMs.Value), "tau_inhibitory_ms", "> 0 or null", TauInhibitoryMs!);
        Need(Pos(TauInMs), "tau_in_ms", "> 0", TauInMs);
        double tauMin = Math.Min(TauMs, TauInhibitoryMs ?? TauMs);
        if (Architecture == NetworkArch.Lstm) Need(Pos(DtMs), "dt_ms", "> 0 (one LSTM step per dt)", DtMs);   // no time constants
        else Need(Pos(DtMs) && DtMs <= tauMin, "dt_ms", $"in (0, {tauMin}] (at most the smallest tau)", DtMs);
        Need(NonNeg(SigmaRec), "sigma_rec", ">= 0", SigmaRec);
        Need(NonNeg(SigmaIn), "sigma_in", ">= 0", SigmaIn);
        Need(double.IsFinite(U0), "u0", "finite", U0);
        Need(double.IsFinite(InitialState), "initial_state", "finite", InitialState);
        Need(NonNeg(InitialStateNoise), "initial_state_noise", ">= 0", InitialStateNoise);
        Need(Pos(SpectralRadius) && SpectralRadius <= 100, "spectral_radius", "in (0, 100]", SpectralRadius);
        Need(double.IsFinite(AlphaIdentity), "alpha_identity", "finite", AlphaIdentity);
        Need(Pos(GammaShape), "gamma_shape", "> 0", GammaShape);
        foreach (var (name, v) in new[] { ("l1_in", L1In), ("l1_rec", L1Rec), ("l1_out", L1Out), ("l2_in", L2In),
                     ("l2_rec", L2Rec), ("l2_out", L2Out), ("l2_rate", L2Rate), ("lambda_omega", LambdaOmega) })
            Need(NonNeg(v), name, ">= 0", v);
        Need(Pos(LearningRate) && LearningRate < 10, "learning_rate", "in (0, 10)", LearningRate);
        Need(Beta1 >= 0 && Beta1 < 1, "beta1", "in [0, 1)", Beta1);
        Need(Beta2 >= 0 && Beta2 < 1, "beta2", "in [0, 1)", Beta2);
        Need(Pos(Epsilon), "epsilon", "> 0", Epsilon);
        Need(RmspropDecay >= 0 && RmspropDecay < 1, "rmsprop_decay", "in [0, 1)", RmspropDecay);
        Need(Pos(MaxGradNorm), "max_grad_norm", "> 0", MaxGradNorm);
        Need(MaxConsecutiveBadGradients >= 1, "max_consecutive_bad_gradients", ">= 1", MaxConsecutiveBadGradients);
        Need(BatchSize >= 1 && BatchSize <= 100_000, "batch_size", "in [1, 100000]", BatchSize);
        Need(!CarryStateInTraining || BatchSize == 1, "batch_size", "1 when carry_state_in_training is true", BatchSize);
        Need(ValidationTrials >= 1 && ValidationTrials <= 1_000_000, "validation_trials", "in [1, 1000000]", ValidationTrials);
        Need(ValidationEvery >= 0, "validation_every", ">= 0 (0 = floor(10000 / batch_size))", ValidationEvery);
        Need(PatienceValidations >= 1, "patience_validations", ">= 1", PatienceValidations);
        Need(MaxUpdates >= 1, "max_updates", ">= 1", MaxUpdates);
        Need(MaxTrials >= 0, "max_trials", ">= 0 (0 = no limit)", MaxTrials);
        Need(NonNeg(MaxWallSeconds), "max_wall_seconds", ">= 0 (0 = no limit)", MaxWallSeconds);
        Need(NonNeg(WMin), "w_min", ">= 0", WMin);
        if (TaskOptions is { ValueKind: not JsonValueKind.Object }) throw new ConfigException("task_options", "must be a JSON object of the task's options");
        Curriculum?.Validate();
        return this;
    }
}
