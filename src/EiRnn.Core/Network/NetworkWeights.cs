namespace EiRnn.Core.Network;

/// <summary>
/// The effective, pruned parameters of an <see cref="NetworkArch.EiRnn"/> network (after Dale's law, masks,
/// fixed weights and w_min pruning): exactly what the ONNX file stores. Row-major float32 arrays;
/// W[i, j] is from presynaptic j to postsynaptic i.
/// </summary>
public sealed record NetworkWeights(
    float[] WIn,   // [N, Nin]
    float[] WRec,  // [N, N]
    float[] WOut,  // [Nout, N]
    float[] BRec,  // [N]
    float[] BOut,  // [Nout]
    float[] X0)    // [N]
{
    public NetworkWeights Validated(NetworkSpec spec)
    {
        Check(WIn, spec.N * spec.Nin, "W_in"); Check(WRec, spec.N * spec.N, "W_rec");
        Check(WOut, spec.Nout * spec.N, "W_out"); Check(BRec, spec.N, "b_rec");
        Check(BOut, spec.Nout, "b_out"); Check(X0, spec.N, "x0");
        return this;
    }

    internal static void Check(float[] a, int expected, string name)
    {
        if (a.Length != expected)
            throw new Errors.ModelFileException($"{name} has {a.Length} values, expected {expected} from the network spec");
        foreach (float v in a)
            if (!float.IsFinite(v)) throw new Errors.ModelFileException($"{name} contains a non-finite value");
    }
}

/// <summary>
/// LSTM baseline parameters (docs/model.md#lstm-baseline), row-major. Gate matrices are [(N + Nin), N] applied as
/// v·W with v = concat(h_{t-1}, u_t); h_t = o ⊙ sigmoid(c_t); z_t = W_out h_t + b_out.
/// </summary>
public sealed record LstmWeights(
    float[] WForget, float[] WInput, float[] WCandidate, float[] WOutputGate,  // [(N+Nin), N] each
    float[] BForget, float[] BInput, float[] BCandidate, float[] BOutputGate,  // [N] each
    float[] WOut,   // [Nout, N]
    float[] BOut,   // [Nout]
    float[] HInit,  // [N]
    float[] CInit)  // [N]
{
    public LstmWeights Validated(NetworkSpec spec)
    {
        int gate = (spec.N + spec.Nin) * spec.N;
        NetworkWeights.Check(WForget, gate, "W_f"); NetworkWeights.Check(WInput, gate, "W_i");
        NetworkWeights.Check(WCandidate, gate, "W_c"); NetworkWeights.Check(WOutputGate, gate, "W_o");
        NetworkWeights.Check(BForget, spec.N, "b_f"); NetworkWeights.Check(BInput, spec.N, "b_i");
        NetworkWeights.Check(BCandidate, spec.N, "b_c"); NetworkWeights.Check(BOutputGate, spec.N, "b_o");
        NetworkWeights.Check(WOut, spec.Nout * spec.N, "W_out"); NetworkWeights.Check(BOut, spec.Nout, "b_out");
        NetworkWeights.Check(HInit, spec.N, "h0"); NetworkWeights.Check(CInit, spec.N, "c0");
        return this;
    }
}

/// <summary>What training reports about the kept network (ONNX metadata <c>eirnn.training</c>).</summary>
public sealed record TrainingRecord(
    string Task,
    string Preset,
    long TrialsTrained,
    string Metric,
    double ValidationPerformance,
    double Criterion,
    bool Converged,
    // The task's complete options (`eirnn tasks`), so that simulation rebuilds the same task; null = defaults.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    System.Text.Json.JsonElement? TaskOptions = null,
    // The text of the task file a file task (docs/task-files.md#models) was trained on, so that the model alone
    // rebuilds it; null for other tasks (and in models written before task files).
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? TaskFile = null,
    // Set when the network was imported rather than trained here (`eirnn import`); null otherwise.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    ImportRecord? Import = null);

/// <summary>A trained network as the stages exchange it: spec, effective weights, provenance.</summary>
public sealed record TrainedNetwork(
    NetworkSpec Spec,
    NetworkWeights? Weights,
    LstmWeights? Lstm,
    TrainingRecord Training,
    ulong Seed)
{
    /// <summary>The resolved config it was trained with (metadata <c>eirnn.train_config</c>); null for imported networks.</summary>
    public EiRnn.Core.Config.TrainConfig? TrainConfig { get; init; }

    /// <summary>SHA-256 of its initial weights (metadata <c>eirnn.initial_weights_sha256</c>, docs/reproduce.md#initial-weights); null when not recorded.</summary>
    public string? InitialWeightsSha256 { get; init; }

    public static TrainedNetwork Rate(NetworkSpec spec, NetworkWeights weights, TrainingRecord training, ulong seed) =>
        new(spec.Validated(), weights.Validated(spec), null, training, seed);

    public static TrainedNetwork OfLstm(NetworkSpec spec, LstmWeights weights, TrainingRecord training, ulong seed)
    {
        if (spec.Validated().Arch != NetworkArch.Lstm)
            throw new Errors.ModelFileException($"an LSTM network needs a spec with arch lstm, got {spec.Arch}");
        return new(spec, null, weights.Validated(spec), training, seed);
    }
}
