using EiRnn.Core.Errors;
using EiRnn.Simulation.Model;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Session;

/// <summary>
/// One ONNX Runtime session over a contract-following model file, created once and reused for every chunk
/// (InferenceSession.Run is thread-safe). Checks that the session's inputs and outputs are the contract's.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;

    private ModelSession(SimulationModel model, SessionSettings settings, InferenceSession session, FeedLayout layout)
    {
        (Model, Settings, _session, Layout) = (model, settings, session, layout);
    }

    /// <summary>Order of u, noise_in, noise_rec, z and r in this session's graph.</summary>
    public FeedLayout Layout { get; }

    public SimulationModel Model { get; }

    /// <summary>The graph's input names, overridable initializers included (dt, sigma_*, and the perturbation ports of a variant).</summary>
    public IReadOnlySet<string> InputNames { get; private init; } = new HashSet<string>();
    public SessionSettings Settings { get; }

    /// <summary>The intra-op thread count the session was created with.</summary>
    public int IntraOpThreads => Settings.Threads;

    /// <summary>Execution providers ONNX Runtime offers in this build (e.g. CPUExecutionProvider).</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    public static ModelSession Open(SimulationModel model, SessionSettings settings) => Open(model, settings, null);

    /// <summary>
    /// Opens a compiled variant of <paramref name="model"/> (ONNX bytes, e.g. from EiRnn.Onnx's
    /// ModelVariantCompiler with perturbation ports). Variants run batch-major: the time-major rewrite only
    /// applies to graphs whose Scan reads u and the noises directly, which the project's exporter does not
    /// produce (it computes the input drive outside the Scan).
    /// </summary>
    public static ModelSession OpenVariant(SimulationModel model, byte[] variant, SessionSettings settings) => Open(model, settings, variant);

    private static ModelSession Open(SimulationModel model, SessionSettings settings, byte[]? compiled)
    {
        settings = settings.Validated();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The contract's overridable scalars (dt, sigma_*) are initializers listed as inputs on purpose;
            // ORT warns about each. Errors still surface as exceptions.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        ExecutionProviderChoice.Apply(options, settings, AvailableProviders());
        byte[]? variant = compiled ?? (settings.PreferTimeMajor ? CompileTimeMajor(model.Path) : null);
        InferenceSession session;
        try { session = variant is null ? new InferenceSession(model.Path, options) : new InferenceSession(variant, options); }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFileException($"{model.Path}: ONNX Runtime cannot load the model ({e.Message})", e);
        }
        try
        {
            CheckShapes(model, session);
            var layout = variant is null || compiled is not null ? FeedLayout.BatchMajor : FeedLayout.TimeMajor;
            return new ModelSession(model, settings, session, layout) { InputNames = session.InputMetadata.Keys.Concat(session.OverridableInitializerMetadata.Keys).ToHashSet() };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the graph on pre-bound inputs and pre-allocated outputs (no allocation of tensors).</summary>
    internal void Run(RunOptions runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs) =>
        _session.Run(runOptions, inputNames, inputs, outputNames, outputs);

    public void Dispose() => _session.Dispose();

    private static byte[]? CompileTimeMajor(string path)
    {
        try { return TimeMajorVariant.TryCompile(path); }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new ModelFileException($"{path}: not an ONNX model ({e.Message})", e);
        }
    }

    private static void CheckShapes(SimulationModel model, InferenceSession session)
    {
        void Expect(IReadOnlyDictionary<string, NodeMetadata> meta, string name, int lastDim)
        {
            if (!meta.TryGetValue(name, out var m))
                throw new ModelFileException($"{model.Path}: ONNX Runtime sees no '{name}' in the model");
            int[] dims = m.Dimensions;
            if (dims.Length == 0 || dims[^1] != lastDim)
                throw new ModelFileException($"{model.Path}: '{name}' has shape [{string.Join(",", dims)}], expected last dimension {lastDim}");
        }
        Expect(session.InputMetadata, ContractNames.U, model.Nin);
        Expect(session.InputMetadata, ContractNames.NoiseIn, model.Nin);
        Expect(session.InputMetadata, ContractNames.NoiseRec, model.N);
        Expect(session.InputMetadata, ContractNames.XInit, model.N);
        Expect(session.OutputMetadata, ContractNames.Z, model.Nout);
        Expect(session.OutputMetadata, ContractNames.R, model.N);
        Expect(session.OutputMetadata, ContractNames.XLast, model.N);
    }
}
