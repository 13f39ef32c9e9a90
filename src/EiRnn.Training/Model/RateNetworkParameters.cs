namespace EiRnn.Training.Model;

/// <summary>
/// The raw state of a rate network as plain row-major float arrays: plastic matrices W^pl, fixed matrices F,
/// binary masks M (docs/model.md#dales-law-and-effective-weights), biases and the initial state. Initialisers produce it, checkpoints store it,
/// <see cref="RateNetwork"/> is built from it.
/// </summary>
public sealed record RateNetworkParameters(
    float[] WInPlastic, float[] WRecPlastic, float[] WOutPlastic,   // [N,Nin], [N,N], [Nout,N]
    float[] WInFixed, float[] WRecFixed, float[] WOutFixed,
    float[] MaskIn, float[] MaskRec, float[] MaskOut,
    float[] BRec, float[] BOut, float[] X0);                        // [N], [Nout], [N]
