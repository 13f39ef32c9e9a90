namespace EiRnn.Core.Checkpoints;

/// <summary>Names of the arrays every rate-network checkpoint holds (row-major, W[i, j] from j to i).</summary>
public static class CheckpointArrayNames
{
    public const string WInPlastic = "w_in_pl", WRecPlastic = "w_rec_pl", WOutPlastic = "w_out_pl";
    public const string WInFixed = "f_in", WRecFixed = "f_rec", WOutFixed = "f_out";
    public const string MaskIn = "m_in", MaskRec = "m_rec", MaskOut = "m_out";
    public const string BRec = "b_rec", BOut = "b_out", X0 = "x0";
    /// <summary>Continuous mode: the state carried into the next training trial.</summary>
    public const string CarriedState = "carried_state";
    /// <summary>Prefix of optimiser slot arrays: "optimiser/&lt;parameter&gt;/&lt;slot&gt;".</summary>
    public const string OptimiserPrefix = "optimiser/";
}
