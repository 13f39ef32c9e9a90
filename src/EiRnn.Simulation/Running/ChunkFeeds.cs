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
    private readonly FeedLayout _layout;
    private readonly List<OrtValue> _bound = [];
    private readonly OrtValue[] _scalarValues;
    private (int Trials, int Steps) _shape = (-1, -1);

    public ChunkFeeds(int n, int nin, int nout, int maxTrials, int maxSteps, FeedLayout layout, IReadOnlyList<(string Name, float Value)> scalars)
    {
        (_n, _nin, _nout, _layout) = (n, nin, nout, layout);
        long rows = (long)maxTrials * maxSteps;
        U = Pinned(rows * nin); NoiseIn = Pinned(rows * nin); NoiseRec = Pinned(rows * n);
        Z = Pinned(rows * nout); R = Pinned(rows * n);
        XInit = Pinned((long)maxTrials * n); XLast = Pinned((long)maxTrials * n);
        _scalarValues = scalars.Select(s => OrtValue.CreateTensorValueFromMemory(new[] { s.Value }, [])).ToArray();
        InputNames = [ContractNames.U, ContractNames.NoiseIn, ContractNames.NoiseRec, ContractNames.XInit, .. scalars.Select(s => s.Name)];
        Inputs = new OrtValue[InputNames.Length];
        for (int i = 0; i < _scalarValues.Length; i++) Inputs[4 + i] = _scalarValues[i];
        Outputs = new OrtValue[OutputNames.Length];
    }

    public float[] U { get; }
    public float[] NoiseIn { get; }
    public float[] NoiseRec { get; }
    public float[] XInit { get; }
    public float[] Z { get; }
    public float[] R { get; }
    public float[] XLast { get; }

    public string[] InputNames { get; }
    public OrtValue[] Inputs { get; }
    public string[] OutputNames { get; } = [ContractNames.Z, ContractNames.R, ContractNames.XLast];
    public OrtValue[] Outputs { get; }

    /// <summary>Row of (trial i, step k) of the current chunk in the scanned buffers.</summary>
    public int Row(int trial, int step) => _layout == FeedLayout.BatchMajor ? trial * _shape.Steps + step : step * _shape.Trials + trial;

    /// <summary>Points the OrtValues at the first (trials, steps) block of every buffer.</summary>
    public void Bind(int trials, int steps)
    {
        if (_shape == (trials, steps)) return;
        DisposeBound();
        long b = trials, s = steps;
        long[] Scanned(int width) => _layout == FeedLayout.BatchMajor ? [b, s, width] : [s, b, width];
        Inputs[0] = Track(U, Scanned(_nin));
        Inputs[1] = Track(NoiseIn, Scanned(_nin));
        Inputs[2] = Track(NoiseRec, Scanned(_n));
        Inputs[3] = Track(XInit, [b, _n]);
        Outputs[0] = Track(Z, Scanned(_nout));
        Outputs[1] = Track(R, Scanned(_n));
        Outputs[2] = Track(XLast, [b, _n]);
        _shape = (trials, steps);
    }

    public void Dispose()
    {
        DisposeBound();
        foreach (var v in _scalarValues) v.Dispose();
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
        _shape = (-1, -1);
    }

    private static float[] Pinned(long length) => GC.AllocateUninitializedArray<float>(checked((int)length), pinned: true);
}
