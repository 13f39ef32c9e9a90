using EiRnn.Onnx.Variants;
using EiRnn.Simulation.Model;
using EiRnn.Simulation.Session;
using Microsoft.ML.OnnxRuntime;

namespace EiRnn.Simulation.Running;

/// <summary>
/// The feeds and outputs of one ORT run, allocated once at the largest chunk size on the pinned heap and
/// wrapped in OrtValues without copying. A chunk of (trials, steps) uses the first trials·steps rows of each
/// buffer, in the session's layout (<see cref="Row"/>); the OrtValues are only rebuilt when that shape changes (the ragged last chunks).
/// </summary>
internal sealed class ChunkFeeds : IDisposable
{
    private readonly int _n, _nin, _nout;
    private readonly long _rows;
    private readonly FeedLayout _layout;
    private readonly List<OrtValue> _bound = [];
    private readonly (string Name, OrtValue Value)[] _scalars;
    private readonly (string Name, float[] Values, OrtValue Value)[] _constantPorts;
    private (int Trials, int Steps, bool Lesion, bool Stim) _shape = (-1, -1, false, false);

    /// <param name="constantPorts">The variant's constant perturbation ports (name, shape) to feed; empty for a canonical model.</param>
    public ChunkFeeds(int n, int nin, int nout, int maxTrials, int maxSteps, FeedLayout layout, IReadOnlyList<(string Name, float Value)> scalars,
        IReadOnlyList<(string Name, long[] Shape)> constantPorts)
    {
        (_n, _nin, _nout, _layout) = (n, nin, nout, layout);
        _rows = (long)maxTrials * maxSteps;
        U = Pinned(_rows * nin); NoiseIn = Pinned(_rows * nin); NoiseRec = Pinned(_rows * n);
        Z = Pinned(_rows * nout); R = Pinned(_rows * n);
        XInit = Pinned((long)maxTrials * n); XLast = Pinned((long)maxTrials * n);
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

    /// <summary>Pinned [rows × N] buffers of the time-varying ports, allocated on first use.</summary>
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

    public string[] InputNames { get; private set; }
    public OrtValue[] Inputs { get; private set; }
    public string[] OutputNames { get; } = [ContractNames.Z, ContractNames.R, ContractNames.XLast];
    public OrtValue[] Outputs { get; }

    /// <summary>Row of (trial i, step k) of the current chunk in the scanned buffers.</summary>
    public int Row(int trial, int step) => _layout == FeedLayout.BatchMajor ? trial * _shape.Steps + step : step * _shape.Trials + trial;

    /// <summary>Copies the block's constant port values into the fed tensors (ports the variant lacks are ignored by the caller).</summary>
    public void SetConstantPorts(IEnumerable<(string Name, float[] Values, long[] Shape)> values)
    {
        foreach (var (name, v, _) in values)
            foreach (var port in _constantPorts)
                if (port.Name == name) v.CopyTo(port.Values, 0);
    }

    /// <summary>
    /// Points the OrtValues at the first (trials, steps) block of every buffer; <paramref name="lesion"/> and
    /// <paramref name="stim"/> say whether the time-varying ports are fed (else their neutral defaults act).
    /// </summary>
    public void Bind(int trials, int steps, bool lesion = false, bool stim = false)
    {
        if (_shape == (trials, steps, lesion, stim)) return;
        DisposeBound();
        long b = trials, s = steps;
        long[] Scanned(int width) => _layout == FeedLayout.BatchMajor ? [b, s, width] : [s, b, width];
        var names = new List<string> { ContractNames.U, ContractNames.NoiseIn, ContractNames.NoiseRec, ContractNames.XInit };
        var inputs = new List<OrtValue> { Track(U, Scanned(_nin)), Track(NoiseIn, Scanned(_nin)), Track(NoiseRec, Scanned(_n)), Track(XInit, [b, _n]) };
        foreach (var (name, value) in _scalars) { names.Add(name); inputs.Add(value); }
        foreach (var (name, _, value) in _constantPorts) { names.Add(name); inputs.Add(value); }
        if (lesion || stim)
        {
            // The variant declares these ports batch-major [B,T,N]; variants never run time-major.
            if (_layout != FeedLayout.BatchMajor) throw new InvalidOperationException("time-varying perturbation ports need a batch-major session");
            if (lesion)
            {
                names.Add(PortNames.LesionMask); inputs.Add(Track(Lesion ??= Pinned(_rows * _n), Scanned(_n)));
                names.Add(PortNames.LesionInit); inputs.Add(Track(LesionInit ??= Pinned((long)XInit.Length), [b, _n]));
            }
            if (stim) { names.Add(PortNames.Stim); inputs.Add(Track(Stim ??= Pinned(_rows * _n), Scanned(_n))); }
        }
        InputNames = [.. names];
        Inputs = [.. inputs];
        Outputs[0] = Track(Z, Scanned(_nout));
        Outputs[1] = Track(R, Scanned(_n));
        Outputs[2] = Track(XLast, [b, _n]);
        _shape = (trials, steps, lesion, stim);
    }

    public void Dispose()
    {
        DisposeBound();
        foreach (var (_, v) in _scalars) v.Dispose();
        foreach (var (_, _, v) in _constantPorts) v.Dispose();
    }

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
        _shape = (-1, -1, false, false);
    }

    private static float[] Pinned(long length) => GC.AllocateUninitializedArray<float>(checked((int)length), pinned: true);
}
