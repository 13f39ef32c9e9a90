using EiRnn.Core.Network;
using EiRnn.Onnx.Graph;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Export;

/// <summary>
/// The LSTM baseline of docs/model.md#lstm-baseline (v = concat(h, u); h = o ⊙ sigmoid(c)) as one Scan over time. The
/// gate matrices are stored as trained, [(N + Nin), N]; the graph splits them into the recurrent rows
/// (used inside the loop) and the input rows (applied to all steps at once before the loop).
/// </summary>
internal static class LstmNetworkGraph
{
    public static void Compose(GraphBuilder g, NetworkSpec spec, LstmWeights w)
    {
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        CheckSizes(spec, w);
        string u = g.Input(Inputs.U, BatchDim, TimeDim, nin);
        string hInit = g.Input(Inputs.HInit, BatchDim, n);
        string cInit = g.Input(Inputs.CInit, BatchDim, n);
        string[] gates =
        [
            g.Initializer(Weights.WForget, w.WForget, n + nin, n), g.Initializer(Weights.WInput, w.WInput, n + nin, n),
            g.Initializer(Weights.WCandidate, w.WCandidate, n + nin, n), g.Initializer(Weights.WOutputGate, w.WOutputGate, n + nin, n),
        ];
        string[] biases =
        [
            g.Initializer(Weights.BForget, w.BForget, n), g.Initializer(Weights.BInput, w.BInput, n),
            g.Initializer(Weights.BCandidate, w.BCandidate, n), g.Initializer(Weights.BOutputGate, w.BOutputGate, n),
        ];
        string wOut = g.Initializer(Weights.WOut, w.WOut, nout, n);
        string bOut = g.Initializer(Weights.BOut, w.BOut, nout);
        g.Initializer(Weights.H0, w.HInit, n);
        g.Initializer(Weights.C0, w.CInit, n);

        // Gate order along the last axis: forget, input, candidate, output.
        string wAll = g.Op("Concat", gates, "W_gates", Attr.Int("axis", 1));      // [(N+Nin), 4N]
        string bAll = g.Op("Concat", biases, "b_gates", Attr.Int("axis", 0));     // [4N]
        string axis0 = g.Int64Initializer("c_axis0", [0L], 1);
        string wH = g.Op("Slice", [wAll, g.Int64Initializer("c_rows_h_start", [0L], 1),
            g.Int64Initializer("c_rows_h_end", [n], 1), axis0], "W_gates_h");
        string wU = g.Op("Slice", [wAll, g.Int64Initializer("c_rows_u_start", [n], 1),
            g.Int64Initializer("c_rows_u_end", [n + nin], 1), axis0], "W_gates_u");
        string inputDrive = g.Op("Add", [g.Op("MatMul", [u, wU], "gates_from_u"), bAll], "gates_drive"); // [B,T,4N]

        g.Op("Scan", [hInit, cInit, inputDrive], [Outputs.HLast, Outputs.CLast, Outputs.H],
            Attr.Graph("body", Step(n, wH)),
            Attr.Int("num_scan_inputs", 1), Attr.Ints("scan_input_axes", 1), Attr.Ints("scan_output_axes", 1));

        string wOutT = g.Op("Transpose", [wOut], "W_out_T", Attr.Ints("perm", 1, 0));
        string zLin = g.Op("Add", [g.Op("MatMul", [Outputs.H, wOutT], "z_current"), bOut], "z_linear");
        Nonlinearities.Output(g, spec.Output, zLin, Outputs.Z);

        g.Output(Outputs.Z, BatchDim, TimeDim, nout);
        g.Output(Outputs.H, BatchDim, TimeDim, n);
        g.Output(Outputs.HLast, BatchDim, n);
        g.Output(Outputs.CLast, BatchDim, n);
    }

    private static global::Onnx.GraphProto Step(int n, string wH)
    {
        var b = new GraphBuilder("lstm_step");
        string h = b.Input("h_prev", BatchDim, n);
        string c = b.Input("c_prev", BatchDim, n);
        string drive = b.Input("gates_k", BatchDim, 4 * n);
        string pre = b.Op("Add", [b.Op("MatMul", [h, wH], "gates_from_h"), drive], "gates_pre");
        string[] parts = b.Op("Split", [pre], ["f_pre", "i_pre", "c_pre", "o_pre"], Attr.Int("axis", 1));
        string f = b.Op("Sigmoid", [parts[0]], "f_gate");
        string i = b.Op("Sigmoid", [parts[1]], "i_gate");
        string cand = b.Op("Tanh", [parts[2]], "c_candidate");
        string o = b.Op("Sigmoid", [parts[3]], "o_gate");
        string cNext = b.Op("Add", [b.Op("Mul", [f, c], "c_kept"), b.Op("Mul", [i, cand], "c_written")], "c_next");
        string hNext = b.Op("Mul", [o, b.Op("Sigmoid", [cNext], "c_squashed")], "h_next"); // sigmoid, as in [Rc]
        b.Op("Identity", [hNext], "h_k");
        b.Output(hNext, BatchDim, n);
        b.Output(cNext, BatchDim, n);
        b.Output("h_k", BatchDim, n);
        return b.Graph;
    }

    private static void CheckSizes(NetworkSpec spec, LstmWeights w)
    {
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        (float[] a, int len, string name)[] all =
        [
            (w.WForget, (n + nin) * n, Weights.WForget), (w.WInput, (n + nin) * n, Weights.WInput),
            (w.WCandidate, (n + nin) * n, Weights.WCandidate), (w.WOutputGate, (n + nin) * n, Weights.WOutputGate),
            (w.BForget, n, Weights.BForget), (w.BInput, n, Weights.BInput), (w.BCandidate, n, Weights.BCandidate),
            (w.BOutputGate, n, Weights.BOutputGate), (w.WOut, nout * n, Weights.WOut), (w.BOut, nout, Weights.BOut),
            (w.HInit, n, Weights.H0), (w.CInit, n, Weights.C0),
        ];
        foreach (var (a, len, name) in all)
            if (a.Length != len)
                throw new Core.Errors.ModelFileException($"cannot export: LSTM {name} has {a.Length} values, expected {len} from the network spec");
    }
}
