using EiRnn.Core.Config;
using EiRnn.Core.Network;
using static EiRnn.Core.Checkpoints.CheckpointArrayNames;

namespace EiRnn.Core.Checkpoints;

/// <summary>
/// The effective, pruned weights of a checkpoint in plain C# (docs/model.md#dales-law-and-effective-weights, docs/training.md#pruning-after-training), so `export` needs no
/// LibTorch: W_rec = pos(M ⊙ W^pl + F)·D, W_in = pos(M ⊙ W^pl + F), W_out = pos(M ⊙ W^pl + F)·D for Dale
/// networks (pos = rectification or absolute value), M ⊙ W^pl + F otherwise; then |w| &lt; w_min → 0.
/// Arithmetic is float32 in the same order as the training model, so the results agree bit for bit.
/// </summary>
public static class CheckpointWeights
{
    public static NetworkWeights Effective(Checkpoint checkpoint)
    {
        var spec = checkpoint.Header.Spec;
        var config = checkpoint.Header.Config.Rate;
        float wMin = (float)config.WMin;
        var signs = Enumerable.Range(0, spec.N).Select(spec.Sign).ToArray();
        float[] ones = Enumerable.Repeat(1f, Math.Max(spec.Nin, spec.N)).ToArray();
        float[] wIn = Combine(checkpoint, WInPlastic, MaskIn, WInFixed, spec.Nin, ones, spec.Dale, config.Positivity, wMin);
        float[] wRec = Combine(checkpoint, WRecPlastic, MaskRec, WRecFixed, spec.N, signs, spec.Dale, config.Positivity, wMin);
        float[] wOut = Combine(checkpoint, WOutPlastic, MaskOut, WOutFixed, spec.N, signs, spec.Dale, config.Positivity, wMin);
        return new NetworkWeights(wIn, wRec, wOut, (float[])checkpoint.Array(BRec).Clone(),
            (float[])checkpoint.Array(BOut).Clone(), (float[])checkpoint.Array(X0).Clone()).Validated(spec);
    }

    /// <summary>The network a checkpoint holds, as `export` writes it: effective and pruned (rate), or as trained (LSTM).</summary>
    public static TrainedNetwork ToTrainedNetwork(Checkpoint checkpoint)
    {
        var h = checkpoint.Header;
        var network = h.Spec.Arch == NetworkArch.Lstm
            ? TrainedNetwork.OfLstm(h.Spec, LstmCheckpointArrays.ToWeights(checkpoint), h.Record, h.Seed)
            : TrainedNetwork.Rate(h.Spec, Effective(checkpoint), h.Record, h.Seed);
        return network with { TrainConfig = h.Config, InitialWeightsSha256 = h.InitialWeightsSha256 };
    }

    private static float[] Combine(Checkpoint cp, string plastic, string mask, string fixedName, int columns,
        float[] columnSign, bool dale, Positivity positivity, float wMin)
    {
        float[] w = cp.Array(plastic), m = cp.Array(mask), f = cp.Array(fixedName);
        var result = new float[w.Length];
        for (int k = 0; k < w.Length; k++)
        {
            float v = m[k] * w[k] + f[k];
            if (dale) v = (positivity == Positivity.AbsoluteValue ? MathF.Abs(v) : MathF.Max(v, 0f)) * columnSign[k % columns];
            result[k] = MathF.Abs(v) < wMin ? 0f : v;
        }
        return result;
    }
}
