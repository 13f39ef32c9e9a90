using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using Microsoft.ML.OnnxRuntime;
using EiRnn.Onnx.Contract;

namespace EiRnn.Simulation.Running;

/// <summary>
/// The feeds and outputs of one ORT run, allocated once at the largest chunk size on the pinned heap and
/// wrapped in OrtValues without copying; ONNX Runtime writes z, r and x_last straight into them. A chunk of
/// (trials, steps) uses the first trials·steps rows of each buffer in the session's layout (<see cref="Row"/>);
/// the OrtValues are only rebuilt when that shape, or the extent of a time-varying port, changes.
/// </summary>
internal sealed class ChunkFeeds : IDisposable
{
    private readonly int _n, _nin, _nout;
    private readonly long _rows;
    private readonly ScanLayout _layout;
    private readonly List<OrtValue> _bound = [];
    private readonly (string Name, OrtValue Value)[] _scalars;
    private readonly (string Name, float[] Values, OrtValue Value)[] _constantPorts;
    private Shape _shape = Shape.None;

    /// <param name="constantPorts">The variant's constant perturbation ports (name, shape) to feed; empty for a canonical model.</param>
    /// <param name="lastRates">Chunks of several trials run on the last-rates twin (r only at the last step), so r needs one trial's rows.</param>
    public ChunkFeeds(int n, int nin, int nout, int maxTrials, int maxSteps, ScanLayout layout, IReadOnlyList<(string Name, float Value)> scalars,
        IReadOnlyList<(string Name, long[] Shape)> constantPorts, bool lastRates = false)
    {
        (_n, _nin, _nout, _layout) = (n, nin, nout, layout);
        _rows = (long)maxTrials * maxSteps;
        U = Pinned(_rows * nin); NoiseIn = Pinned(_rows * nin); NoiseRec = Pinned(_rows * n);
        Z = Pinned(_rows * nout); R = Pinned((lastRates ? maxSteps : _rows) * n);
        XInit = Pinned((long)maxTrials * n); XLast = Pinned((long)maxTrials * n); RLast = Pinned((long)maxTrials * n);
        _scalars = scalars.Select(s => (s.Name, OrtValue.CreateTensorValueFromMemory(new[] { s.Value }, []))).ToArray();
        _constantPorts = constantPorts.Select(p =>
        {
            var values = new float[p.Shape.Aggregate(1L, (a, d) => a * d)];
            return (p.Name, values, OrtValue.CreateTensorValueFromMemory(values, p.Shape));
        }).ToArray();
        InputNames = [];
        Inputs = [];
        Outputs = new OrtValue[OutputNames.Length];
    }

    /// <summary>Pinned rows of the time-varying ports (at most [trials × steps × N]), allocated on first use.</summary>
    public float[]? Lesion { get; private set; }
    public float[]? Stim { get; private set; }
    /// <summary>Pinned [trials × N] mask of f(x_init): the previous sample's lesion mask row when a trial continues in a new time chunk.</summary>
    public float[]? LesionInit { get; private set; }

    public float[] U { get; }
    public float[] NoiseIn { get; }
    public float[] NoiseRec { get; }
    public float[] XInit { get; }
    public float[] Z { get; }
    public float[] R { get; }
    public float[] XLast { get; }
    /// <summary>[trials × N] rates of the chunk's last step (the last-rates twin's r_last).</summary>
    public float[] RLast { get; }

    public string[] InputNames { get; private set; }
    public OrtValue[] Inputs { get; private set; }
    public string[] OutputNames { get; private set; } = [ModelContract.Outputs.Z, ModelContract.Outputs.R, ModelContract.Outputs.XLast];
    public OrtValue[] Outputs { get; }

    /// <summary>Trials and steps of the bound chunk.</summary>
    public int Trials => _shape.Trials;
    public int Steps => _shape.Steps;

    /// <summary>Row of (trial i, step k) of the current chunk in the scanned buffers.</summary>
    public int Row(int trial, int step) => RowIn(_shape.Trials, _shape.Steps, trial, step);

    /// <summary>Row of (trial i, step k) in a [trials × steps] block of rows in the session's layout.</summary>
    public int RowIn(int trials, int steps, int trial, int step) =>
        _layout == ScanLayout.BatchMajor ? trial * steps + step : step * trials + trial;

    /// <summary>Copies the block's constant port values into the fed tensors (ports the variant lacks are ignored by the caller).</summary>
    public void SetConstantPorts(IEnumerable<(string Name, float[] Values, long[] Shape)> values)
    {
        foreach (var (name, v, _) in values)
            foreach (var port in _constantPorts)
                if (port.Name == name) v.CopyTo(port.Values, 0);
    }

    /// <summary>
    /// Points the OrtValues at the first (trials, steps) block of every buffer; a time-varying port is fed
    /// with the rows of its extent when one is given (else its neutral default acts); <paramref name="lesionInitTrials"/>
    /// is 1 or <paramref name="trials"/>, the rows of lesion_init.
    /// </summary>
    /// <param name="lastRates">Bind r_last [trials, N] instead of r (the last-rates twin's outputs).</param>
    public void Bind(int trials, int steps, PortExtent? lesion = null, int lesionInitTrials = 1, PortExtent? stim = null, bool batchMajorShapes = false,
        bool lastRates = false)
    {
        // One trial has the same memory order in both layouts, so its buffers may be fed to a batch-major graph.
        if (batchMajorShapes && (trials != 1 || lesion?.Trials > 1 || stim?.Trials > 1))
            throw new ArgumentException("only a single trial can be fed with batch-major shapes", nameof(batchMajorShapes));
        var layout = batchMajorShapes ? ScanLayout.BatchMajor : _layout;
        var shape = new Shape(trials, steps, lesion, lesionInitTrials, stim, layout, lastRates);
        if (_shape == shape) return;
        DisposeBound();
        var names = new List<string> { ModelContract.Inputs.U, ModelContract.Inputs.NoiseIn, ModelContract.Inputs.NoiseRec, ModelContract.Inputs.XInit };
        var inputs = new List<OrtValue>
        {
            Track(U, Scanned(layout, trials, steps, _nin)), Track(NoiseIn, Scanned(layout, trials, steps, _nin)),
            Track(NoiseRec, Scanned(layout, trials, steps, _n)), Track(XInit, [trials, _n]),
        };
        foreach (var (name, value) in _scalars) { names.Add(name); inputs.Add(value); }
        foreach (var (name, _, value) in _constantPorts) { names.Add(name); inputs.Add(value); }
        if (lesion is { } l)
        {
            names.Add(PortNames.LesionMask); inputs.Add(Track(Lesion ??= Pinned(_rows * _n), Scanned(layout, l.Trials, l.Steps, _n)));
            names.Add(PortNames.LesionInit); inputs.Add(Track(LesionInit ??= Pinned(XInit.Length), [lesionInitTrials, _n]));
        }
        if (stim is { } st) { names.Add(PortNames.Stim); inputs.Add(Track(Stim ??= Pinned(_rows * _n), Scanned(layout, st.Trials, st.Steps, _n))); }
        InputNames = [.. names];
        Inputs = [.. inputs];
        Outputs[0] = Track(Z, Scanned(layout, trials, steps, _nout));
        OutputNames = [ModelContract.Outputs.Z, lastRates ? PortNames.RLast : ModelContract.Outputs.R, ModelContract.Outputs.XLast];
        Outputs[1] = lastRates ? Track(RLast, [trials, _n]) : Track(R, Scanned(layout, trials, steps, _n));
        Outputs[2] = Track(XLast, [trials, _n]);
        _shape = shape;
    }

    public void Dispose()
    {
        DisposeBound();
        foreach (var (_, v) in _scalars) v.Dispose();
        foreach (var (_, _, v) in _constantPorts) v.Dispose();
    }

    private static long[] Scanned(ScanLayout layout, long trials, long steps, int width) =>
        layout == ScanLayout.BatchMajor ? [trials, steps, width] : [steps, trials, width];

    private OrtValue Track(float[] buffer, long[] shape)
    {
        long count = 1;
        foreach (long d in shape) count *= d;
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, checked((int)count)), shape);
        _bound.Add(value);
        return value;
    }

    private void DisposeBound()
    {
        foreach (var v in _bound) v.Dispose();
        _bound.Clear();
        _shape = Shape.None;
    }

    private static float[] Pinned(long length) => GC.AllocateUninitializedArray<float>(checked((int)length), pinned: true);

    private readonly record struct Shape(int Trials, int Steps, PortExtent? Lesion, int LesionInitTrials, PortExtent? Stim, ScanLayout Layout, bool LastRates)
    {
        public static Shape None => new(-1, -1, null, 0, null, ScanLayout.BatchMajor, false);
    }
}
