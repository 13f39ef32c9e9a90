using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Noise;
using Microsoft.ML.OnnxRuntime;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Simulation.Session;

/// <summary>
/// One ONNX Runtime session over a contract-following model file, created once and reused for every chunk
/// (InferenceSession.Run is thread-safe). Checks that the session's inputs and outputs are the contract's.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Lazy<InferenceSession>? _singleTrialTwin, _lastRates;
    private readonly NoiseRecMap? _noiseRecMap;

    private ModelSession(SimulationModel model, SessionSettings settings, InferenceSession session, ScanLayout layout, NoiseRecMap? noiseRecMap, Twins? twins)
    {
        (Model, Settings, _session, Layout, _noiseRecMap) = (model, settings, session, layout, noiseRecMap);
        (_singleTrialTwin, _lastRates) = (twins?.SingleTrial, twins?.LastRates);
    }

    /// <summary>The graphs a compiled time-major session loads on first use, next to its main graph.</summary>
    private sealed record Twins(Lazy<InferenceSession> SingleTrial, Lazy<InferenceSession> LastRates);

    /// <summary>Memory order of u, noise_in, noise_rec, the time-varying ports, z and r in this session's graph.</summary>
    public ScanLayout Layout { get; }

    public SimulationModel Model { get; }

    /// <summary>The graph's input names, overridable initializers included (dt, sigma_*, and the perturbation ports of a variant).</summary>
    public IReadOnlySet<string> InputNames { get; private init; } = new HashSet<string>();
    public SessionSettings Settings { get; }

    /// <summary>The intra-op thread count the session was created with.</summary>
    public int IntraOpThreads => Settings.IntraOpThreads;

    /// <summary>Execution providers ONNX Runtime offers in this build (e.g. CPUExecutionProvider).</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>
    /// Opens the model. A graph the project's exporter built (<see cref="Onnx.Reading.ModelFile.IsCanonicalGraph"/>)
    /// is recompiled time-major from its weights when the settings prefer it (same operations, same bits);
    /// another producer's graph is rewritten time-major when its Scan allows (<see cref="TimeMajorVariant"/>)
    /// or else runs as it is. Either way ONNX Runtime loads bytes already in memory, never the file again.
    /// </summary>
    public static ModelSession Open(SimulationModel model, SessionSettings settings)
    {
        settings = settings.Validated();
        if (model.File.IsCanonicalGraph) return OpenCompiled(model, model.Network, PerturbationPorts.None, settings);
        byte[]? rewritten = settings.PreferTimeMajor ? TimeMajorVariant.TryCompile(model.File.Contents) : null;
        return rewritten is null ? Open(model, settings, model.File.Contents, ScanLayout.BatchMajor, noiseRecMap: null, twins: null)
            : Open(model, settings, rewritten, ScanLayout.TimeMajor, noiseRecMap: null, twins: null);
    }

    /// <summary>
    /// Opens a variant compiled from <paramref name="network"/> (the model's own, or one with edited weights) with
    /// the perturbation ports asked for, time-major when the settings prefer it. With no ports and the model's
    /// own network it computes exactly what the canonical file computes.
    /// </summary>
    public static ModelSession OpenCompiled(SimulationModel model, TrainedNetwork network, PerturbationPorts ports, SessionSettings settings)
    {
        settings = settings.Validated();
        var layout = settings.PreferTimeMajor ? ScanLayout.TimeMajor : ScanLayout.BatchMajor;
        var feed = layout == ScanLayout.TimeMajor ? ModelVariantCompiler.FastestNoiseRecFeed(ports) : NoiseRecFeed.StandardNormal;
        // The time-major variant computes each step's input drive as a [B,Nin]×[Nin,N] product, and ONNX
        // Runtime's CPU kernel sums a single row (B = 1) in another order than many rows (the canonical graph
        // multiplies all B·T rows at once). With one trial both layouts have the same memory order, so a
        // chunk of one trial runs the batch-major twin instead and keeps the file's bits: the single-trial twin
        // pays in bits, not speed (one-trial chunks are a block's remainder: too rare to time).
        // The last-rates twin pays in speed: z-only, N = 150, 500 trials x 500 steps, one thread, its ORT run took
        // 0.67 s against 0.91 s without it and the whole run 1.00x against 0.85x the contract-example graph's speed
        // (tools/EiRnn.SimulationBenchmark --save z, both in one session of a shared machine).
        var main = new GraphVariant { Ports = ports, Layout = layout, NoiseRecFeed = feed };
        var twins = layout != ScanLayout.TimeMajor ? null : new Twins(
            new(() => Load(model, settings, ModelVariantCompiler.Compile(network, main with { Layout = ScanLayout.BatchMajor, NoiseRecFeed = NoiseRecFeed.StandardNormal }))),
            new(() => Load(model, settings, ModelVariantCompiler.Compile(network, main with { LastRatesOnly = true }))));
        return Open(model, settings, ModelVariantCompiler.Compile(network, main), layout, new NoiseRecMap(feed, network), twins);
    }

    /// <summary>
    /// What the graph takes as noise_rec (a compiled time-major variant takes it mapped, see <see cref="NoiseRecFeed"/>);
    /// the single-trial twin always takes standard normals.
    /// </summary>
    public NoiseRecFeed NoiseRecFeed => _noiseRecMap?.Feed ?? NoiseRecFeed.StandardNormal;

    /// <summary>
    /// The per-unit map the feeder applies to standard normals for this graph's noise_rec at the given settings, or
    /// null when the graph takes standard normals. σ_rec·σ_rec_scale as the graph forms it (the scale only with a noise port).
    /// </summary>
    internal RowAffine? RecurrentNoiseMap(float dtMs, float sigmaRec, float sigmaRecScale) =>
        _noiseRecMap?.For(dtMs, sigmaRec, sigmaRecScale, InputNames.Contains(PortNames.SigmaRecScale));

    /// <summary>
    /// True when the session also has a last-rates twin: the same graph without the per-step r output (z is
    /// computed inside the Scan and r is only returned for the last step, as <c>r_last</c>). Writing r for every
    /// step to memory and reading it back for z is about a fifth of a run; a simulation that saves r every m-th
    /// step runs chunks of m steps on this twin instead.
    /// </summary>
    public bool HasLastRatesTwin => _lastRates is not null;

    /// <summary>True when a run of a single trial goes to a batch-major twin of the graph (fed [1,T,·] shapes).</summary>
    public bool RunsSingleTrialsBatchMajor => _singleTrialTwin is not null;

    private static ModelSession Open(SimulationModel model, SessionSettings settings, byte[] graph, ScanLayout layout, NoiseRecMap? noiseRecMap, Twins? twins)
    {
        var session = Load(model, settings, graph);
        try
        {
            CheckShapes(model, session);
            return new ModelSession(model, settings, session, layout, noiseRecMap, twins) { InputNames = session.InputMetadata.Keys.Concat(session.OverridableInitializerMetadata.Keys).ToHashSet() };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession Load(SimulationModel model, SessionSettings settings, byte[] graph)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = settings.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The contract's overridable scalars (dt, sigma_*) are initializers listed as inputs on purpose;
            // ORT warns about each. Errors still surface as exceptions.
            LogSeverityLevel = settings.NativeLog ? OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        // ORT's environment logger (not the session's) reports a provider library that fails to load.
        OrtEnv.Instance().EnvLogLevel = settings.NativeLog ? OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        ExecutionProviderChoice.Apply(options, settings, AvailableProviders());
        try { return new InferenceSession(graph, options); }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFileException($"{model.Path}: ONNX Runtime cannot load the model ({e.Message})", e);
        }
    }

    /// <summary>Runs one of the session's graphs on pre-bound inputs and pre-allocated outputs (no allocation of tensors).</summary>
    internal void Run(RunOptions runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, SessionGraph graph = SessionGraph.Main) =>
        (graph switch
        {
            SessionGraph.SingleTrialTwin => _singleTrialTwin!.Value,
            SessionGraph.LastRates => _lastRates!.Value,
            _ => _session,
        }).Run(runOptions, inputNames, inputs, outputNames, outputs);

    public void Dispose()
    {
        if (_singleTrialTwin is { IsValueCreated: true } twin) twin.Value.Dispose();
        if (_lastRates is { IsValueCreated: true } last) last.Value.Dispose();
        _session.Dispose();
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
        Expect(session.InputMetadata, Inputs.U, model.Nin);
        Expect(session.InputMetadata, Inputs.NoiseIn, model.Nin);
        Expect(session.InputMetadata, Inputs.NoiseRec, model.N);
        Expect(session.InputMetadata, Inputs.XInit, model.N);
        Expect(session.OutputMetadata, Outputs.Z, model.Nout);
        Expect(session.OutputMetadata, Outputs.R, model.N);
        Expect(session.OutputMetadata, Outputs.XLast, model.N);
    }
}
