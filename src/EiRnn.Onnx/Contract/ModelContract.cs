namespace EiRnn.Onnx.Contract;

/// <summary>
/// The names and versions docs/onnx-contract.md fixes. Users, docs and tests rely on
/// them: change them only together with the design document.
/// </summary>
public static class ModelContract
{
    public const int Opset = 17;
    public const long IrVersion = 8;
    public const string FormatVersion = "1";
    public const string ProducerName = "EiRnnPipeline";

    public const string ArchEiRnn = "ei-rnn";
    public const string ArchLstm = "lstm";

    /// <summary>Symbolic dimensions of the graph inputs.</summary>
    public const string BatchDim = "B", TimeDim = "T";

    /// <summary>Rate network (ei-rnn) graph inputs.</summary>
    public static class Inputs
    {
        public const string U = "u", NoiseIn = "noise_in", NoiseRec = "noise_rec", XInit = "x_init";
        public const string Dt = "dt", SigmaIn = "sigma_in", SigmaRec = "sigma_rec";
        public const string HInit = "h_init", CInit = "c_init"; // LSTM
    }

    /// <summary>Graph outputs.</summary>
    public static class Outputs
    {
        public const string Z = "z", R = "r", XLast = "x_last";
        public const string H = "h", HLast = "h_last", CLast = "c_last"; // LSTM
    }

    /// <summary>Initializers holding the effective, pruned parameters.</summary>
    public static class Weights
    {
        public const string WIn = "W_in", WRec = "W_rec", WOut = "W_out", BRec = "b_rec", BOut = "b_out";
        public const string Tau = "tau", TauIn = "tau_in", U0 = "u0", X0 = "x0";
        // LSTM: gate matrices [(N + Nin), N] applied as v·W, v = concat(h, u); trained initial states.
        public const string WForget = "W_f", WInput = "W_i", WCandidate = "W_c", WOutputGate = "W_o";
        public const string BForget = "b_f", BInput = "b_i", BCandidate = "b_c", BOutputGate = "b_o";
        public const string H0 = "h0", C0 = "c0";
    }

    /// <summary>metadata_props keys.</summary>
    public static class Meta
    {
        public const string Format = "eirnn.format", Arch = "eirnn.arch", Task = "eirnn.task", DtMs = "eirnn.dt_ms";
        public const string NExc = "eirnn.n_exc", NInh = "eirnn.n_inh", Seed = "eirnn.seed", Spec = "eirnn.spec";
        public const string Training = "eirnn.training", InputNames = "eirnn.inputs", OutputNames = "eirnn.outputs";
        /// <summary>Optional (written by training since they exist; docs/reproduce.md#initial-weights), after <see cref="All"/>.</summary>
        public const string TrainConfig = "eirnn.train_config", InitialWeightsSha256 = "eirnn.initial_weights_sha256";

        /// <summary>Every key an export writes, in this order.</summary>
        public static readonly IReadOnlyList<string> All =
            [Format, Arch, Task, DtMs, NExc, NInh, Seed, Spec, Training, InputNames, OutputNames];

        /// <summary>
        /// Keys a reader insists on: all but <see cref="Arch"/>, whose absence means ei-rnn (files written
        /// before the key existed, such as the independent contract example, have no eirnn.arch).
        /// </summary>
        public static readonly IReadOnlyList<string> Required = [.. All.Where(k => k != Arch)];
    }
}
