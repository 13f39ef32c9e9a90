using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Onnx.Tests.Support;

/// <summary>A named float32 tensor (row-major values + shape) to feed or read back.</summary>
internal sealed record Tensor(float[] Values, long[] Shape)
{
    public static Tensor Scalar(float v) => new([v], []);
}

/// <summary>Runs a model with ONNX Runtime (test-only: the Onnx project itself never loads ORT).</summary>
internal sealed class OrtRun : IDisposable
{
    private readonly InferenceSession _session;

    public OrtRun(byte[] model, int threads = 1)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _session = new InferenceSession(model, options);
    }

    /// <summary>Required inputs and overridable (initializer-backed) inputs.</summary>
    public IReadOnlyList<string> InputNames => [.. _session.InputMetadata.Keys, .. _session.OverridableInitializerMetadata.Keys];

    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> feeds, params string[] outputs)
    {
        if (outputs.Length == 0) outputs = _session.OutputMetadata.Keys.ToArray();
        var values = feeds.Select(f => OrtValue.CreateTensorValueFromMemory(f.Value.Values, f.Value.Shape)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, feeds.Keys.ToArray(), values, outputs);
            var dict = new Dictionary<string, Tensor>();
            for (int i = 0; i < outputs.Length; i++)
                dict[outputs[i]] = new Tensor(results[i].GetTensorDataAsSpan<float>().ToArray(), results[i].GetTensorTypeAndShape().Shape);
            return dict;
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
