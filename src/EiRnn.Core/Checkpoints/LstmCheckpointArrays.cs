using EiRnn.Core.Network;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;

namespace EiRnn.Core.Checkpoints;

/// <summary>
/// LSTM weights ⇄ checkpoint arrays, in plain C# so that `export` reads an LSTM checkpoint without LibTorch.
/// The LSTM has no masks or sign constraints, so the checkpoint holds exactly the exported weights.
/// </summary>
public static class LstmCheckpointArrays
{
    public static IReadOnlyList<NamedArray> ToArrays(LstmWeights w, NetworkSpec spec)
    {
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        w.Validated(spec);
        int[] gate = [n + nin, n], unit = [n];
        return
        [
            new(LstmWForget, gate, w.WForget), new(LstmWInput, gate, w.WInput),
            new(LstmWCandidate, gate, w.WCandidate), new(LstmWOutputGate, gate, w.WOutputGate),
            new(LstmBForget, unit, w.BForget), new(LstmBInput, unit, w.BInput),
            new(LstmBCandidate, unit, w.BCandidate), new(LstmBOutputGate, unit, w.BOutputGate),
            new(LstmWOut, [nout, n], w.WOut), new(LstmBOut, [nout], w.BOut),
            new(LstmHInit, unit, w.HInit), new(LstmCInit, unit, w.CInit),
        ];
    }

    public static LstmWeights ToWeights(Checkpoint c) => new LstmWeights(
        Copy(c, LstmWForget), Copy(c, LstmWInput), Copy(c, LstmWCandidate), Copy(c, LstmWOutputGate),
        Copy(c, LstmBForget), Copy(c, LstmBInput), Copy(c, LstmBCandidate), Copy(c, LstmBOutputGate),
        Copy(c, LstmWOut), Copy(c, LstmBOut), Copy(c, LstmHInit), Copy(c, LstmCInit)).Validated(c.Header.Spec);

    private static float[] Copy(Checkpoint c, string name) => (float[])c.Array(name).Clone();
}
