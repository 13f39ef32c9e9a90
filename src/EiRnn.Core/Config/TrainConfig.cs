using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.Json.Serialization;
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

/// <summary>
/// Which vectors Ω is computed from (docs/training.md#vanishing-gradient-regulariser-omega). <c>Exact</c>: v_t = ∂L/∂x_t with
/// the Jacobian ∂x_t/∂x_{t−1}. <c>Pycog</c>: the authors' Theano form, v_t = (1−α)⊙∂L/∂x_{t+1} with f′ at x_t
/// (docs/training.md#omega-in-the-authors-code).
/// </summary>
public enum OmegaForm { Exact, Pycog }

public enum GradientClipping { GlobalNorm, PerTensor, None }

public enum OptimiserKind { Sgd, Adam, Rmsprop }

/// <summary>
/// Everything `train` needs, resolved (docs/training.md#train-config): the shared settings (task, seed, time step,
/// loss, optimiser, clipping, batch, validation and stopping, curriculum) and the <see cref="Network"/> block, a
/// rate network or an LSTM. It starts from the task's network recipe (TaskNetworkDefaults) and the preset's
/// optimiser and objective (docs/training.md, docs/training.md#psychrnn-preset); a JSON train config holds any
/// subset of the keys (snake_case) and is merged over them by <see cref="WithOverrides"/>; <see cref="Validate"/>
/// checks every range once, at the edge.
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
    /// <summary>Time step of the training trials (one LSTM step per dt).</summary>
    public double DtMs { get; init; } = 20;
    /// <summary>What is trained: <see cref="RateNetworkConfig"/> or <see cref="LstmNetworkConfig"/>.</summary>
    public NetworkConfig Network { get; init; } = new RateNetworkConfig();

    // Objective (docs/training.md#loss); the regularisers belong to the rate network.
    public LossNormalisation Loss { get; init; } = LossNormalisation.MaskedMean;

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

    /// <summary>Updates between validations, resolving 0 to floor(10000 / batch_size) (at least 1).</summary>
    [JsonIgnore] public int EffectiveValidationEvery => ValidationEvery > 0 ? ValidationEvery : Math.Max(1, 10_000 / BatchSize);

    [JsonIgnore] public NetworkArch Architecture => Network.Arch;

    /// <summary>The rate network block; only for code that trains a rate network.</summary>
    [JsonIgnore] public RateNetworkConfig Rate => Network as RateNetworkConfig
        ?? throw new InvalidOperationException($"this config trains network type {Network.TypeLabel}, not a rate network");

    /// <summary>The resolved config as `--print-config` shows it.</summary>
    public string Describe() => JsonConfig.Serialize(this);

    /// <summary>Merges a JSON object of overrides (any subset of keys; the network block key by key) over this config.</summary>
    public TrainConfig WithOverrides(string json, string source = "config")
    {
        JsonObject overrides = JsonConfig.ParseObject(json, source);
        var merged = JsonNode.Parse(JsonConfig.Serialize(this))!.AsObject();
        foreach (var (key, value) in overrides)
        {
            if (key == NetworkKey && value is JsonObject network) MergeNetwork(merged[NetworkKey]!.AsObject(), network, source);
            // Every key exists in the serialised defaults, so anything else is unknown (named here directly).
            else if (!merged.ContainsKey(key)) throw (FlatTrainConfig.Moved(key) ?? new ConfigException(key, "is not a known key")).WithFile(source);
            else merged[key] = value?.DeepClone();
        }
        return JsonConfig.Parse<TrainConfig>(merged.ToJsonString(), source);
    }

    private const string NetworkKey = "network";

    private void MergeNetwork(JsonObject defaults, JsonObject network, string source)
    {
        foreach (var (key, value) in network)
        {
            string path = JsonKeyPath.Key(NetworkKey, key);
            if (key == NetworkConfig.TypeKey) continue;   // chosen before the defaults were built (PeekNetworkType)
            if (!defaults.ContainsKey(key))
                throw new ConfigException(path, Network is LstmNetworkConfig && NetworkConfig.KeysOf(typeof(RateNetworkConfig)).Contains(key)
                    ? "does not apply to network type lstm (the LSTM baseline of docs/model.md#lstm-baseline has no Dale's law, masks, " +
                      "time constants, noise, initialiser choices, Ω, regularisers or pruning, and a linear readout); remove it"
                    : $"is not a known key of network type {Network.TypeLabel}").WithFile(source);
            defaults[key] = value?.DeepClone();
        }
    }

    /// <summary>The network type a JSON config asks for (network.type); null when it has no network block.</summary>
    public static string? PeekNetworkType(string json, string source = "config")
    {
        var network = JsonConfig.ParseObject(json, source)[NetworkKey];
        if (network is null) return null;
        if (network is not JsonObject o) throw new ConfigException(NetworkKey, "must be a JSON object with a \"type\" key (rate or lstm)").WithFile(source);
        string path = JsonKeyPath.Key(NetworkKey, NetworkConfig.TypeKey);
        return o[NetworkConfig.TypeKey] is { } type ? StringValue(type, path, source)
            : throw new ConfigException(path, $"is required: one of {string.Join(", ", NetworkConfig.TypeNames)}").WithFile(source);
    }

    /// <summary>Reads one top-level key of a JSON config as raw JSON without resolving the rest (task_options).</summary>
    public static JsonElement? PeekElement(string json, string key, string source = "config") =>
        JsonConfig.ParseObject(json, source)[key] is { } node ? JsonSerializer.SerializeToElement(node) : null;

    /// <summary>Reads one top-level string key of a JSON config without resolving the rest (task, preset).</summary>
    public static string? PeekString(string json, string key, string source = "config") =>
        JsonConfig.ParseObject(json, source)[key] is { } node ? StringValue(node, key, source) : null;

    private static string StringValue(JsonNode node, string path, string source)
    {
        try { return node.GetValue<string>(); }
        catch (InvalidOperationException) { throw new ConfigException(path, "must be a string").WithFile(source); }
    }

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
        Need(Pos(DtMs), "dt_ms", "> 0", DtMs);
        Need(BatchSize >= 1 && BatchSize <= 100_000, "batch_size", "in [1, 100000]", BatchSize);
        Network.Validate(this);
        Need(Pos(LearningRate) && LearningRate < 10, "learning_rate", "in (0, 10)", LearningRate);
        Need(Beta1 >= 0 && Beta1 < 1, "beta1", "in [0, 1)", Beta1);
        Need(Beta2 >= 0 && Beta2 < 1, "beta2", "in [0, 1)", Beta2);
        Need(Pos(Epsilon), "epsilon", "> 0", Epsilon);
        Need(RmspropDecay >= 0 && RmspropDecay < 1, "rmsprop_decay", "in [0, 1)", RmspropDecay);
        Need(Pos(MaxGradNorm), "max_grad_norm", "> 0", MaxGradNorm);
        Need(MaxConsecutiveBadGradients >= 1, "max_consecutive_bad_gradients", ">= 1", MaxConsecutiveBadGradients);
        Need(ValidationTrials >= 1 && ValidationTrials <= 1_000_000, "validation_trials", "in [1, 1000000]", ValidationTrials);
        Need(ValidationEvery >= 0, "validation_every", ">= 0 (0 = floor(10000 / batch_size))", ValidationEvery);
        Need(PatienceValidations >= 1, "patience_validations", ">= 1", PatienceValidations);
        Need(MaxUpdates >= 1, "max_updates", ">= 1", MaxUpdates);
        Need(MaxTrials >= 0, "max_trials", ">= 0 (0 = no limit)", MaxTrials);
        Need(NonNeg(MaxWallSeconds), "max_wall_seconds", ">= 0 (0 = no limit)", MaxWallSeconds);
        if (TaskOptions is { ValueKind: not JsonValueKind.Object }) throw new ConfigException("task_options", "must be a JSON object of the task's options");
        Curriculum?.Validate();
        return this;
    }
}
