using EiRnn.Core.Random;
using Google.Protobuf;
using Onnx;

namespace EiRnn.SimulationBenchmark;

/// <summary>
/// Benchmark graphs. <see cref="ExportedModel"/> is a random Dale network of N units exported by the project's
/// exporter (the graph `train` writes, so the simulator runs its time-major variant compiled from the weights);
/// <see cref="ScaledContractModel"/> puts the same network into the contract example's graph (one Scan over
/// time, built outside this project); <see cref="MatMulModel"/> is a single [B,N]×[N,N] product, the GEMM
/// bound of one Euler step.
/// </summary>
internal static class BenchmarkModels
{
    /// <summary>Writes the network through ModelExporter and returns the file path.</summary>
    public static string ExportedModel(DaleNetwork net, float dtMs, string directory)
    {
        string path = System.IO.Path.Combine(directory, $"bench-exported-n{net.N}.onnx");
        EiRnn.Onnx.Export.ModelExporter.Save(net.ToTrained(dtMs), path);
        return path;
    }

    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "contract-example.onnx");

    /// <summary>Writes the fixture graph with N units (Nin = 3, Nout = 2 kept) and returns the file path and weights.</summary>
    public static (string Path, DaleNetwork Net) ScaledContractModel(int n, ulong seed, string directory)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(FixturePath));
        int oldN = checked((int)model.Graph.Initializer.Single(t => t.Name == "x0").Dims[0]);
        float Scalar(string name) => BitConverter.ToSingle(model.Graph.Initializer.Single(t => t.Name == name).RawData.Span);
        var u0 = model.Graph.Initializer.Single(t => t.Name == "u0");
        var net = DaleNetwork.Random(n, nin: 3, nout: 2, seed) with
        {
            TauInMs = Scalar("tau_in"), SigmaIn = Scalar("sigma_in"), SigmaRec = Scalar("sigma_rec"),
            U0 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(u0.RawData.Span).ToArray(),
        };
        Replace(model.Graph, "W_in", net.WIn, n, 3);
        Replace(model.Graph, "W_rec", net.WRec, n, n);
        Replace(model.Graph, "W_out", net.WOut, 2, n);
        Replace(model.Graph, "b_rec", new float[n], n);
        Replace(model.Graph, "tau", net.TauMs, n);
        Replace(model.Graph, "x0", net.X0, n);
        Resize(model.Graph, oldN, n);
        foreach (var p in model.MetadataProps)
        {
            if (p.Key == "eirnn.n_exc") p.Value = net.NExc.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (p.Key == "eirnn.n_inh") p.Value = (n - net.NExc).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        string path = System.IO.Path.Combine(directory, $"bench-n{n}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return (path, net);
    }

    /// <summary>y = x · W with x [B,N] and W [N,N] an initializer.</summary>
    public static string MatMulModel(float[] w, int n, string directory)
    {
        var graph = new GraphProto { Name = "gemm_bound" };
        graph.Input.Add(Value("x", ["B", n]));
        graph.Output.Add(Value("y", ["B", n]));
        graph.Initializer.Add(Tensor("W", w, n, n));
        graph.Node.Add(new NodeProto { OpType = "MatMul", Input = { "x", "W" }, Output = { "y" } });
        var model = new ModelProto { IrVersion = 8, ProducerName = "EiRnn.SimulationBenchmark", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        string path = System.IO.Path.Combine(directory, $"gemm-n{n}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static void Replace(GraphProto g, string name, float[] values, params long[] dims)
    {
        var t = g.Initializer.Single(i => i.Name == name);
        var fresh = Tensor(name, values, dims);
        t.Dims.Clear(); t.Dims.Add(fresh.Dims);
        t.FloatData.Clear();
        t.RawData = fresh.RawData;
    }

    /// <summary>Every fixed dimension equal to the old N (graph and Scan body value infos) becomes the new N.</summary>
    private static void Resize(GraphProto g, int oldN, int n)
    {
        foreach (var v in g.Input.Concat(g.Output).Concat(g.ValueInfo))
            foreach (var d in v.Type?.TensorType?.Shape?.Dim ?? [])
                if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue == oldN) d.DimValue = n;
        foreach (var node in g.Node)
            foreach (var a in node.Attribute)
                if (a.G is not null) Resize(a.G, oldN, n);
    }

    private static TensorProto Tensor(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.Add(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        t.RawData = ByteString.CopyFrom(bytes);
        return t;
    }

    private static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}

/// <summary>A random Dale network (80 % E, balanced I columns, no autapses, readout from E), row-major.</summary>
internal sealed record DaleNetwork(int N, int Nin, int Nout, int NExc, float[] WIn, float[] WRec, float[] WOut, float[] TauMs, float[] X0)
{
    /// <summary>Input side and noise (the pycog defaults of docs/training.md#default-values; the contract example's graph gets its own values).</summary>
    public float TauInMs { get; init; } = 100f;
    public float[] U0 { get; init; } = [];
    public float SigmaIn { get; init; } = 0.01f;
    public float SigmaRec { get; init; } = 0.15f;

    /// <summary>The network in the project's types (zero biases, rectified inputs, f = [x]+, linear readout).</summary>
    public EiRnn.Core.Network.TrainedNetwork ToTrained(float dtMs) => EiRnn.Core.Network.TrainedNetwork.Rate(Spec(dtMs),
        new EiRnn.Core.Network.NetworkWeights(WIn, WRec, WOut, new float[N], new float[Nout], X0),
        new EiRnn.Core.Network.TrainingRecord("benchmark-constant", "pycog", 0, "percent_correct", 0, 0, false), 1);

    public EiRnn.Core.Network.NetworkSpec Spec(float dtMs) => new()
    {
        N = N, Nin = Nin, Nout = Nout, Dale = true,
        UnitTypes = Enumerable.Range(0, N).Select(i => i < NExc ? EiRnn.Core.Network.UnitType.Excitatory : EiRnn.Core.Network.UnitType.Inhibitory).ToArray(),
        UnitAreas = EiRnn.Core.Network.NetworkSpec.Repeat("all", N), UnitInputGroups = EiRnn.Core.Network.NetworkSpec.Repeat("", N),
        TauMs = TauMs, TauInMs = TauInMs, U0 = U0.Length == Nin ? U0 : EiRnn.Core.Network.NetworkSpec.Repeat(0.2f, Nin),
        SigmaIn = SigmaIn, SigmaRec = SigmaRec, DtTrainMs = dtMs,
        InputNames = Enumerable.Range(0, Nin).Select(i => $"in{i}").ToArray(),
        OutputNames = Enumerable.Range(0, Nout).Select(i => $"out{i}").ToArray(),
    };

    public static DaleNetwork Random(int n, int nin, int nout, ulong seed)
    {
        var rng = RandomStream.Derive(seed, "benchmark/weights");
        int nExc = n * 4 / 5;
        double gain = 0.9 / Math.Sqrt(n), inhScale = (double)nExc / Math.Max(1, n - nExc);
        var wRec = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) wRec[i * n + j] = (float)(Math.Abs(rng.NextNormal()) * gain * (j < nExc ? 1 : -inhScale));
        var wIn = new float[n * nin];
        for (int i = 0; i < wIn.Length; i++) wIn[i] = (float)(Math.Abs(rng.NextNormal()) * 0.5);
        var wOut = new float[nout * n];
        for (int o = 0; o < nout; o++)
            for (int j = 0; j < nExc; j++) wOut[o * n + j] = (float)(Math.Abs(rng.NextNormal()) / nExc);
        return new DaleNetwork(n, nin, nout, nExc, wIn, wRec, wOut, Enumerable.Repeat(100f, n).ToArray(), Enumerable.Repeat(0.1f, n).ToArray())
        {
            U0 = Enumerable.Repeat(0.2f, nin).ToArray(),
        };
    }
}
