namespace EiRnn.Core.Checkpoints;

/// <summary>Names of the arrays a checkpoint holds (row-major, W[i, j] from j to i).</summary>
public static class CheckpointArrayNames
{
    // Rate network (docs/model.md#dales-law-and-effective-weights): plastic and fixed matrices, masks, biases, initial state.
    public const string WInPlastic = "w_in_pl", WRecPlastic = "w_rec_pl", WOutPlastic = "w_out_pl";
    public const string WInFixed = "f_in", WRecFixed = "f_rec", WOutFixed = "f_out";
    public const string MaskIn = "m_in", MaskRec = "m_rec", MaskOut = "m_out";
    public const string BRec = "b_rec", BOut = "b_out", X0 = "x0";
    /// <summary>Continuous mode: the state carried into the next training trial.</summary>
    public const string CarriedState = "carried_state";

    // LSTM (docs/model.md#lstm-baseline): gate matrices [(N + Nin), N] applied as v·W, gate biases [N], readout, initial states.
    public const string LstmWForget = "w_forget", LstmWInput = "w_input", LstmWCandidate = "w_candidate", LstmWOutputGate = "w_output_gate";
    public const string LstmBForget = "b_forget", LstmBInput = "b_input", LstmBCandidate = "b_candidate", LstmBOutputGate = "b_output_gate";
    public const string LstmWOut = "w_out", LstmBOut = "b_out", LstmHInit = "h_init", LstmCInit = "c_init";

    /// <summary>Prefix of optimiser slot arrays: "optimiser/&lt;parameter&gt;/&lt;slot&gt;".</summary>
    public const string OptimiserPrefix = "optimiser/";
}
