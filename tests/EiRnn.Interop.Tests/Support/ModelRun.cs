using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Interop.Tests.Support;

/// <summary>Runs a network's contract model with ONNX Runtime, noise-free, from its own x0, at its own dt.</summary>
internal static class ModelRun
{
    /// <param name="u">[B, T, Nin] row-major.</param>
    /// <returns>z [B, T, Nout] row-major.</returns>
    public static float[] Z(TrainedNetwork net, float[] u, int batch, int steps) => Z(ModelExporter.Export(net), net.Spec, net.Weights!.X0, u, batch, steps);

    public static float[] Z(byte[] model, NetworkSpec spec, float[] x0, float[] u, int batch, int steps)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var xInit = Enumerable.Range(0, batch).SelectMany(_ => x0).ToArray();
        var feeds = new Dictionary<string, (float[] Values, long[] Shape)>
        {
            ["u"] = (u, [batch, steps, spec.Nin]),
            ["noise_in"] = (new float[batch * steps * spec.Nin], [batch, steps, spec.Nin]),
            ["noise_rec"] = (new float[batch * steps * spec.N], [batch, steps, spec.N]),
            ["x_init"] = (xInit, [batch, spec.N]),
        };
        var values = feeds.Select(f => OrtValue.CreateTensorValueFromMemory(f.Value.Values, f.Value.Shape)).ToList();
        try
        {
            using var run = new RunOptions();
            using var results = session.Run(run, feeds.Keys.ToArray(), values, ["z"]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally { foreach (var v in values) v.Dispose(); }
    }

    /// <summary>max |a − e| / max |e|: the error relative to the largest expected value.</summary>
    public static double MaxRelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        Assert.AreEqual(expected.Length, actual.Length, "lengths");
        double scale = 0, worst = 0;
        for (int i = 0; i < expected.Length; i++) scale = Math.Max(scale, Math.Abs(expected[i]));
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        return worst / scale;
    }
}
