using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Variants;
using EiRnn.Onnx.Tests.Support;
using EiRnn.TestSupport;

namespace EiRnn.Onnx.Tests;

/// <summary>Perturbation ports of compiled variants against the canonical model and hand-perturbed references.</summary>
[TestClass]
public sealed class VariantTests
{
    private const int N = 10, B = 2, T = 16;
    private static readonly TrainedNetwork Net = TestNetworks.Rate(61, n: N, hidden: HiddenNonlinearity.Rtanh);
    private static readonly byte[] Variant = ModelVariantCompiler.Compile(Net, new GraphVariant { Ports = PerturbationPorts.All });

    private static Dictionary<string, Tensor> Feeds() => TestNetworks.Feeds(Net.Spec, 62, B, T);

    [TestMethod]
    public void Control_run_with_neutral_ports_is_bitwise_equal_to_the_canonical_model()
    {
        using var canonical = new OrtRun(ModelExporter.Export(Net));
        using var variant = new OrtRun(Variant);
        var feeds = Feeds();
        feeds["dt"] = Tensor.Scalar(2f);
        var expected = canonical.Run(feeds);
        var omitted = variant.Run(feeds);
        feeds["lesion_mask"] = new(Enumerable.Repeat(1f, T * N).ToArray(), [1, T, N]);
        feeds["stim"] = new(new float[B * T * N], [B, T, N]);
        feeds["w_rec_scale"] = new([1f, 1f, 1f, 1f], [2, 2]);
        feeds["input_gain"] = new([1f, 1f, 1f], [3]);
        foreach (var s in new[] { "w_in_scale", "w_out_scale", "sigma_in_scale", "sigma_rec_scale" }) feeds[s] = Tensor.Scalar(1f);
        var fed = variant.Run(feeds);
        foreach (var name in new[] { "z", "r", "x_last" })
        {
            CollectionAssert.AreEqual(expected[name].Values, omitted[name].Values, $"{name}: ports left at their defaults");
            CollectionAssert.AreEqual(expected[name].Values, fed[name].Values, $"{name}: neutral values fed");
        }
    }

    [TestMethod]
    public void Variant_keeps_the_canonical_inputs_and_adds_the_ports()
    {
        using var variant = new OrtRun(Variant);
        CollectionAssert.IsSubsetOf(new[] { "u", "noise_in", "noise_rec", "x_init", "dt", "sigma_in", "sigma_rec", "lesion_mask", "stim",
            "w_rec_scale", "w_in_scale", "w_out_scale", "input_gain", "sigma_in_scale", "sigma_rec_scale" }, variant.InputNames.ToArray());
        using var lesionOnly = new OrtRun(ModelVariantCompiler.Compile(Net, new GraphVariant { Ports = PerturbationPorts.None with { Lesion = true } }));
        Assert.IsTrue(lesionOnly.InputNames.Contains("lesion_mask"));
        Assert.IsFalse(lesionOnly.InputNames.Contains("stim"));
    }

    [TestMethod]
    public void Lesion_mask_zeroes_rates_of_sample_k_in_outputs_and_recurrence()
    {
        // Units 1 (E) and 9 (I) silenced for samples 4..9 (times 5..10 dt); reference time index t = sample + 1.
        static bool Off(int sample, int unit) => sample is >= 4 and <= 9 && unit is 1 or 9;
        var mask = new float[T * N];
        for (int k = 0; k < T; k++) for (int i = 0; i < N; i++) mask[k * N + i] = Off(k, i) ? 0f : 1f;
        var feeds = Feeds();
        feeds["lesion_mask"] = new(mask, [1, T, N]);
        var perturbation = new ReferenceEuler.Perturbation(Lesioned: (t, i) => t >= 1 && Off(t - 1, i));
        using var variant = new OrtRun(Variant);
        var got = variant.Run(feeds);
        Reference.AssertMatches(Reference.Run(Net.Spec, Net.Weights!, feeds, Net.Spec.DtTrainMs, perturbation: perturbation), got, "time-window lesion");
        Assert.AreEqual(0f, got["r"].Values[(0 * T + 5) * N + 9], "lesioned rate is exactly 0");

        // Per-trial mask [B,T,N]: trial 0 lesioned, trial 1 intact.
        var perTrial = new float[B * T * N];
        Array.Copy(mask, perTrial, T * N);
        Array.Fill(perTrial, 1f, T * N, T * N);
        feeds["lesion_mask"] = new(perTrial, [B, T, N]);
        var both = variant.Run(feeds);
        var intact = Reference.Run(Net.Spec, Net.Weights!, feeds, Net.Spec.DtTrainMs);
        var (ok, worst, _) = ReferenceEuler.Compare(both["r"].Values.AsSpan(T * N), intact.R.AsSpan(T * N));
        Assert.IsTrue(ok, $"trial 1 is intact (worst {worst:g3})");
        CollectionAssert.AreEqual(got["r"].Values[..(T * N)], both["r"].Values[..(T * N)], "trial 0 lesioned as before");

        // Constant mask [1,1,N]: unit 3 off for the whole trial (its rate at time 0 still drives step 0).
        var constant = Enumerable.Range(0, N).Select(i => i == 3 ? 0f : 1f).ToArray();
        feeds["lesion_mask"] = new(constant, [1, 1, N]);
        Reference.AssertMatches(
            Reference.Run(Net.Spec, Net.Weights!, feeds, Net.Spec.DtTrainMs, perturbation: new(Lesioned: (t, i) => t >= 1 && i == 3)),
            variant.Run(feeds), "whole-trial lesion");
    }

    [TestMethod]
    public void Stim_is_a_current_added_inside_the_alpha_bracket_at_step_k()
    {
        var stim = new float[T * N];
        for (int k = 3; k < 8; k++) for (int i = 0; i < 8; i++) stim[k * N + i] = i % 2 == 0 ? 0.8f : -0.5f;
        var feeds = Feeds();
        feeds["stim"] = new(stim, [1, T, N]);
        using var variant = new OrtRun(Variant);
        Reference.AssertMatches(
            Reference.Run(Net.Spec, Net.Weights!, feeds, Net.Spec.DtTrainMs, perturbation: new(Current: (k, i) => stim[k * N + i])),
            variant.Run(feeds), "stimulation");
    }

    [TestMethod]
    public void Weight_input_and_noise_scales_equal_a_hand_scaled_network()
    {
        var spec = Net.Spec; var w = Net.Weights!;
        // [pre, post]: E→E 0.5, E→I 1.5, I→E 2, I→I 0.
        float[,] block = { { 0.5f, 1.5f }, { 2f, 0f } };
        int T(int unit) => spec.UnitTypes[unit] == UnitType.Inhibitory ? 1 : 0;
        var wRec = new float[N * N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) wRec[i * N + j] = w.WRec[i * N + j] * block[T(j), T(i)];
        var scaled = w with { WRec = wRec, WIn = w.WIn.Select(v => v * 0.7f).ToArray(), WOut = w.WOut.Select(v => v * 1.3f).ToArray() };
        float[] gain = [0f, 2f, 1f];

        var feeds = Feeds();
        var handFeeds = new Dictionary<string, Tensor>(feeds);
        var u = feeds["u"].Values.ToArray();
        for (int k = 0; k < u.Length; k++) u[k] *= gain[k % 3];
        handFeeds["u"] = feeds["u"] with { Values = u };

        feeds["w_rec_scale"] = new([0.5f, 1.5f, 2f, 0f], [2, 2]);
        feeds["w_in_scale"] = Tensor.Scalar(0.7f);
        feeds["w_out_scale"] = Tensor.Scalar(1.3f);
        feeds["input_gain"] = new(gain, [3]);
        feeds["sigma_in_scale"] = Tensor.Scalar(3f);
        feeds["sigma_rec_scale"] = Tensor.Scalar(0.5f);
        using var variant = new OrtRun(Variant);
        Reference.AssertMatches(
            Reference.Run(spec, scaled, handFeeds, spec.DtTrainMs, sigmaIn: spec.SigmaIn * 3.0, sigmaRec: spec.SigmaRec * 0.5),
            variant.Run(feeds), "scaled network");
    }
}
