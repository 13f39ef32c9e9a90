using EiRnn.Core.Network;
using EiRnn.Onnx.Graph;
using EiRnn.Onnx.Variants;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Export;

/// <summary>
/// The rate network of docs/model.md#euler-discretisation as one ONNX graph. Everything that does not depend on the state is
/// computed for all steps at once outside the time loop (input drive, scaled noise, α-scaled W_rec); the
/// Scan body is one [B,N]×[N,N] MatMul and element-wise operations; z is computed from the stacked rates.
/// The canonical model and its variants come from this one method, so a variant fed neutral values performs
/// the same floating-point operations in the same order as the canonical graph. The time-major variant
/// computes each step's input drive inside the body from that step's slices instead (the same operations on
/// the same values), which keeps the per-step work in cache instead of streaming [B,T,N] arrays.
/// <para>
/// The order of the sums is chosen for the time-major body: drive = ũ·W_in_step + (noise·std + α·b_rec), so the
/// bracket can be fed precomputed (<see cref="NoiseRecFeed.DriveOffset"/>) and the input product takes it as its
/// addend; x' = ((1−α)x + drive) + r·W_step, so the recurrent product takes one addend too (ONNX Runtime fuses
/// each MatMul with its Add into one Gemm).
/// </para>
/// </summary>
internal static class RateNetworkGraph
{
    public static void Compose(GraphBuilder g, NetworkSpec spec, NetworkWeights w, GraphVariant variant)
    {
        var (ports, noiseRecFeed, lastRatesOnly) = (variant.Validated().Ports, variant.NoiseRecFeed, variant.LastRatesOnly);
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        bool timeMajor = variant.Layout == ScanLayout.TimeMajor;
        Dim[] Scanned(Dim batch, Dim time, int width) => timeMajor ? [time, batch, width] : [batch, time, width];

        // Contract inputs and parameters.
        string u = g.Input(Inputs.U, Scanned(BatchDim, TimeDim, nin));
        string noiseIn = g.Input(Inputs.NoiseIn, Scanned(BatchDim, TimeDim, nin));
        string noiseRec = g.Input(Inputs.NoiseRec, Scanned(BatchDim, TimeDim, n));
        string xInit = g.Input(Inputs.XInit, BatchDim, n);
        string dt = g.InputWithDefault(Inputs.Dt, [spec.DtTrainMs], []);
        string sigmaIn = g.InputWithDefault(Inputs.SigmaIn, [spec.SigmaIn], []);
        string sigmaRec = g.InputWithDefault(Inputs.SigmaRec, [spec.SigmaRec], []);
        string wIn = g.Initializer(Weights.WIn, w.WIn, n, nin);
        string wRec = g.Initializer(Weights.WRec, w.WRec, n, n);
        string wOut = g.Initializer(Weights.WOut, w.WOut, nout, n);
        string bRec = g.Initializer(Weights.BRec, w.BRec, n);
        string bOut = g.Initializer(Weights.BOut, w.BOut, nout);
        string tau = g.Initializer(Weights.Tau, spec.TauMs.ToArray(), n);
        string tauIn = g.Initializer(Weights.TauIn, [spec.TauInMs]);
        string u0 = g.Initializer(Weights.U0, spec.U0.ToArray(), nin);
        g.Initializer(Weights.X0, w.X0, n);
        string one = g.Scalar("c_one", 1f), two = g.Scalar("c_two", 2f);

        // Ports (only those asked for); each default is the neutral value.
        string? lesion = ports.Lesion
            ? g.InputWithDefault(PortNames.LesionMask, Ones(n), [1, 1, n], Scanned("lesion_batch", "lesion_time", n)) : null;
        string? stim = ports.Stimulation
            ? g.InputWithDefault(PortNames.Stim, new float[n], [1, 1, n], Scanned("stim_batch", "stim_time", n)) : null;
        string? blockScale = ports.RecurrentBlockScale ? g.InputWithDefault(PortNames.WRecScale, Ones(4), [2, 2], 2, 2) : null;
        string? wInScale = ports.InputOutputScale ? g.InputWithDefault(PortNames.WInScale, [1f], []) : null;
        string? wOutScale = ports.InputOutputScale ? g.InputWithDefault(PortNames.WOutScale, [1f], []) : null;
        string? gain = ports.InputGain ? g.InputWithDefault(PortNames.InputGain, Ones(nin), [nin], nin) : null;
        string? sigmaInScale = ports.NoiseScale ? g.InputWithDefault(PortNames.SigmaInScale, [1f], []) : null;
        string? sigmaRecScale = ports.NoiseScale ? g.InputWithDefault(PortNames.SigmaRecScale, [1f], []) : null;

        // ũ = [u0 + u + sqrt(2 τ_in/dt)·σ_in·noise_in]+ for all steps.
        string uTask = gain is null ? u : g.Op("Mul", [u, gain], "u_gained");
        string uBase = g.Op("Add", [u0, uTask], "u_base");
        string sIn = sigmaInScale is null ? sigmaIn : g.Op("Mul", [sigmaIn, sigmaInScale], "sigma_in_eff");
        string inRatio = g.Op("Div", [g.Op("Mul", [two, tauIn], "two_tau_in"), dt], "in_ratio");
        string inStd = g.Op("Mul", [g.Op("Sqrt", [inRatio], "sqrt_in_ratio"), sIn], "in_noise_std");
        string uNoisy = g.Op("Add", [uBase, g.Op("Mul", [noiseIn, inStd], "in_noise")], "u_noisy");
        string uEff = spec.RectifyInputs ? g.Op("Relu", [uNoisy], "u_eff") : uNoisy;

        // Input drive α·W_in ũ + (sqrt(2α)·σ_rec·noise_rec + α(b_rec [+ stim])): [B,T,N]. α is folded into the
        // (small) weights and bias so the big [B,T,N] arrays are passed over as few times as possible.
        string alpha = g.Op("Div", [dt, tau], "alpha");
        string decay = g.Op("Sub", [one, alpha], "decay");
        string wInT = g.Op("Transpose", [wIn], "W_in_T", Attr.Ints("perm", 1, 0));
        if (wInScale is not null) wInT = g.Op("Mul", [wInT, wInScale], "W_in_T_scaled");
        string wInStep = g.Op("Mul", [wInT, alpha], "W_in_step");
        string biasStep = g.Op("Mul", [bRec, alpha], "b_rec_step");
        if (stim is not null) biasStep = g.Op("Add", [biasStep, g.Op("Mul", [stim, alpha], "stim_step")], "b_rec_stim_step");
        string sRec = sigmaRecScale is null ? sigmaRec : g.Op("Mul", [sigmaRec, sigmaRecScale], "sigma_rec_eff");
        string recStd = g.Op("Mul", [g.Op("Sqrt", [g.Op("Mul", [two, alpha], "two_alpha")], "sqrt_two_alpha"), sRec], "rec_noise_std");
        string? drive = timeMajor ? null
            : g.Op("Add", [g.Op("MatMul", [uEff, wInStep], "in_current_step"), g.Op("Add", [g.Op("Mul", [noiseRec, recStd], "rec_noise"), biasStep], "drive_offset")], "drive");

        // W_step[j, i] = α_i·W_rec[i, j] (transposed so the body computes r·W_step).
        string wRecT = g.Op("Transpose", [wRec], "W_rec_T", Attr.Ints("perm", 1, 0));
        if (blockScale is not null) wRecT = g.Op("Mul", [wRecT, BlockScaleTransposed(g, spec, blockScale)], "W_rec_T_scaled");
        string wStep = g.Op("Mul", [wRecT, alpha], "W_step");

        string rInit = Nonlinearities.Hidden(g, spec.Hidden, xInit, "r_init");
        // A run continued in time chunks starts from x_last of the previous chunk; the rate it feeds the first
        // step must carry the previous sample's mask, which lesion_init [B or 1, N] supplies (ones at trial start).
        if (lesion is not null)
            rInit = g.Op("Mul", [rInit, g.InputWithDefault(PortNames.LesionInit, Ones(n), [1, n], "lesion_init_batch", n)], "r_init_masked");
        var overTime = new TimeExpansion(g, u, timeMajor);
        var scanInputs = new List<string> { xInit, rInit };
        GraphProto body;
        if (drive is not null)
        {
            scanInputs.Add(drive);
            if (lesion is not null) scanInputs.Add(overTime.Expand(lesion, "lesion_over_time"));
            body = ScanBody(spec, wStep, decay, lesion is not null);
        }
        else
        {
            // Time-major: the body computes step k's drive from step k's slices of ũ and noise_rec (and of the
            // bias when a stim port may vary over time).
            scanInputs.AddRange([uEff, noiseRec]);
            if (stim is not null) scanInputs.Add(overTime.Expand(biasStep, "bias_over_time"));
            if (lesion is not null) scanInputs.Add(overTime.Expand(lesion, "lesion_over_time"));
            var terms = new StepDrive(wInStep, stim is null ? biasStep : null, noiseRecFeed == NoiseRecFeed.StandardNormal ? recStd : null, noiseRecFeed == NoiseRecFeed.DriveOffset);
            var readout = lastRatesOnly ? new StepReadout(OutputWeightsTransposed(), bOut) : null;
            body = StepDriveBody(spec, terms, wStep, decay, lesion is not null, readout);
        }
        // The Scan's third output is r of every step, or z of every step when the body computes the readout.
        long timeAxis = timeMajor ? 0 : 1;
        g.Op("Scan", [.. scanInputs], [Outputs.XLast, PortNames.RLast, lastRatesOnly ? Outputs.Z : Outputs.R],
            Attr.Graph("body", body),
            Attr.Int("num_scan_inputs", scanInputs.Count - 2),
            Attr.Ints("scan_input_axes", [.. Enumerable.Repeat(timeAxis, scanInputs.Count - 2)]),
            Attr.Ints("scan_output_axes", timeAxis));

        if (!lastRatesOnly)
        {
            // z = g(W_out r + b_out) from the stacked rates.
            string zLin = g.Op("Add", [g.Op("MatMul", [Outputs.R, OutputWeightsTransposed()], "z_current"), bOut], "z_linear");
            Nonlinearities.Output(g, spec.Output, zLin, Outputs.Z);
        }

        g.Output(Outputs.Z, Scanned(BatchDim, TimeDim, nout));
        if (lastRatesOnly) g.Output(PortNames.RLast, BatchDim, n);
        else g.Output(Outputs.R, Scanned(BatchDim, TimeDim, n));
        g.Output(Outputs.XLast, BatchDim, n);

        // W_out^T [· w_out_scale]; built where it is first needed, so the canonical graph keeps its node order.
        string OutputWeightsTransposed()
        {
            string t = g.Op("Transpose", [wOut], "W_out_T", Attr.Ints("perm", 1, 0));
            return wOutScale is null ? t : g.Op("Mul", [t, wOutScale], "W_out_T_scaled");
        }
    }

    /// <summary>One Euler step: x' = ((1−α)x + drive_k) + r·W_step; r' = f(x') [⊙ mask_k].</summary>
    private static GraphProto ScanBody(NetworkSpec spec, string wStep, string decay, bool withLesion)
    {
        int n = spec.N;
        var b = new GraphBuilder("euler_step");
        string x = b.Input("x_prev", BatchDim, n);
        string r = b.Input("r_prev", BatchDim, n);
        string drive = b.Input("drive_k", BatchDim, n);
        string? mask = withLesion ? b.Input("lesion_k", "lesion_batch", n) : null;
        return EulerStep(b, spec, r, x, wStep, decay, drive, mask);
    }

    /// <summary>
    /// Outer-scope values a <see cref="StepDriveBody"/> reads: Bias is null when it is scanned, RecNoiseStd when the
    /// noise comes scaled; OffsetFed when noise_rec already is the whole drive offset (<see cref="NoiseRecFeed.DriveOffset"/>).
    /// </summary>
    private sealed record StepDrive(string InputWeightsStep, string? Bias, string? RecNoiseStd, bool OffsetFed);

    /// <summary>
    /// The readout a last-rates body computes per step, z_k = g(r_k·W_outᵀ + b_out): per row the same product
    /// the canonical graph computes once for all stacked rates (tested bitwise).
    /// </summary>
    private sealed record StepReadout(string WOutT, string BOut);

    /// <summary>
    /// One Euler step that first computes its drive, drive_k = ũ_k·W_in_step + (noise_rec_k·std + bias_k): the
    /// operations of the canonical graph's all-steps drive, in the same order, on one step's slices.
    /// With <paramref name="readout"/> it also computes z_k and returns r only as the state (no per-step r).
    /// </summary>
    private static GraphProto StepDriveBody(NetworkSpec spec, StepDrive terms, string wStep, string decay, bool withLesion, StepReadout? readout = null)
    {
        int n = spec.N;
        var b = new GraphBuilder("euler_step");
        string x = b.Input("x_prev", BatchDim, n);
        string r = b.Input("r_prev", BatchDim, n);
        string uEff = b.Input("u_eff_k", BatchDim, spec.Nin);
        string noise = b.Input("noise_rec_k", BatchDim, n);
        string bias = terms.Bias ?? b.Input("bias_k", "stim_batch", n);
        string? mask = withLesion ? b.Input("lesion_k", "lesion_batch", n) : null;
        string scaledNoise = terms.RecNoiseStd is null ? noise : b.Op("Mul", [noise, terms.RecNoiseStd], "rec_noise_k");
        string offset = terms.OffsetFed ? noise : b.Op("Add", [scaledNoise, bias], "drive_offset_k");
        string drive = b.Op("Add", [b.Op("MatMul", [uEff, terms.InputWeightsStep], "in_current_k"), offset], "drive_k");
        return EulerStep(b, spec, r, x, wStep, decay, drive, mask, readout);
    }

    private static GraphProto EulerStep(GraphBuilder b, NetworkSpec spec, string r, string x, string wStep, string decay, string drive, string? mask, StepReadout? readout = null)
    {
        int n = spec.N;
        string rec = b.Op("MatMul", [r, wStep], "rec");
        string leak = b.Op("Mul", [x, decay], "leak");
        string xNext = b.Op("Add", [b.Op("Add", [leak, drive], "leak_drive"), rec], "x_next");
        string rNext = Nonlinearities.Hidden(b, spec.Hidden, xNext, mask is null ? "r_next" : "r_unmasked");
        if (mask is not null) rNext = b.Op("Mul", [rNext, mask], "r_next");
        if (readout is not null)
        {
            string zLin = b.Op("Add", [b.Op("MatMul", [rNext, readout.WOutT], "z_current_k"), readout.BOut], "z_linear_k");
            Nonlinearities.Output(b, spec.Output, zLin, "z_k");
            b.Output("x_next", BatchDim, n);
            b.Output(rNext, BatchDim, n);
            b.Output("z_k", BatchDim, spec.Nout);
            return b.Graph;
        }
        b.Op("Identity", [rNext], "r_k");
        b.Output("x_next", BatchDim, n);
        b.Output(rNext, BatchDim, n);
        b.Output("r_k", BatchDim, n);
        return b.Graph;
    }

    /// <summary>S^T[j, i] = scale[type(j), type(i)]: the factor of W_rec[i, j] by (pre → post) type.</summary>
    private static string BlockScaleTransposed(GraphBuilder g, NetworkSpec spec, string scale)
    {
        long[] type = spec.UnitTypes.Select(t => t == UnitType.Inhibitory ? 1L : 0L).ToArray();
        string types = g.Int64Initializer("unit_type_index", type, spec.N);
        string byPre = g.Op("Gather", [scale, types], "w_rec_scale_by_pre", Attr.Int("axis", 0));
        return g.Op("Gather", [byPre, types], "w_rec_scale_T", Attr.Int("axis", 1));
    }

    /// <summary>
    /// Expands a port value [Bm, T or 1, N] to [Bm, T, N] (time-major: [T or 1, Bm, N] to [T, Bm, N]), T taken
    /// from u, so a constant value needs no T-long feed. The target shape is built once, on first use.
    /// </summary>
    private sealed class TimeExpansion(GraphBuilder g, string u, bool timeMajor)
    {
        private string? _shape;

        public string Expand(string values, string name) => g.Op("Expand", [values, _shape ??= Shape()], name);

        private string Shape()
        {
            long axis = timeMajor ? 0 : 1;
            string t = g.Op("Shape", [u], "time_steps", Attr.Int("start", axis), Attr.Int("end", axis + 1));
            string ones = g.Int64Initializer("c_one_i64", [1L], 1);
            return g.Op("Concat", timeMajor ? [t, ones, ones] : [ones, t, ones], "lesion_shape", Attr.Int("axis", 0));
        }
    }

    private static float[] Ones(int count) => Enumerable.Repeat(1f, count).ToArray();
}
