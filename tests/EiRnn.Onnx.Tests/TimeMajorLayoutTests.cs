using EiRnn.Core.Network;
using EiRnn.Onnx.Export;
using EiRnn.Onnx.Reading;
using EiRnn.Onnx.Tests.Support;
using EiRnn.Onnx.Variants;
using Google.Protobuf;
using Onnx;

namespace EiRnn.Onnx.Tests;

/// <summary>
/// The time-major variant ([T,B,·] scanned tensors, drive computed per step inside the Scan body) against the
/// canonical batch-major graph run by ONNX Runtime on the same values: the same operations in the same order
/// must give the same bits, so the simulator may run either and a seeded dataset does not change.
/// </summary>
[TestClass]
public sealed class TimeMajorLayoutTests
{
    private const int B = 3, T = 20;

    [TestMethod]
    [DataRow(10, HiddenNonlinearity.Rtanh, DisplayName = "N = 10, rtanh")]
    [DataRow(150, HiddenNonlinearity.Rectify, DisplayName = "N = 150, rectify")]
    public void Time_major_variant_gives_the_canonical_bits(int n, HiddenNonlinearity hidden)
    {
        var net = TestNetworks.Rate(71, n: n, hidden: hidden);
        var feeds = TestNetworks.Feeds(net.Spec, 72, B, T);
        feeds["dt"] = Tensor.Scalar(0.5f);
        feeds["sigma_rec"] = Tensor.Scalar(0.2f);
        using var canonical = new OrtRun(ModelExporter.Export(net));
        using var timeMajor = new OrtRun(ModelVariantCompiler.Compile(net, new GraphVariant { Layout = ScanLayout.TimeMajor }));
        AssertSameBits(canonical.Run(feeds), timeMajor.Run(ToTimeMajor(feeds, "u", "noise_in", "noise_rec")));
    }

    [TestMethod]
    public void Time_major_ports_give_the_batch_major_ports_bits()
    {
        const int n = 10;
        var net = TestNetworks.Rate(73, n: n);
        var feeds = TestNetworks.Feeds(net.Spec, 74, B, T);
        // Per-trial windowed lesion [B,T,N], a current constant over trials [1,T,N], scales.
        var lesion = new float[B * T * n];
        for (int b = 0; b < B; b++)
            for (int k = 0; k < T; k++)
                for (int i = 0; i < n; i++) lesion[(b * T + k) * n + i] = i == b + 1 && k >= 5 + b ? 0f : 1f;
        var stim = new float[T * n];
        for (int k = 8; k < 14; k++) for (int i = 0; i < n; i += 2) stim[k * n + i] = 0.3f;
        feeds["lesion_mask"] = new(lesion, [B, T, n]);
        feeds["lesion_init"] = new(Enumerable.Range(0, B * n).Select(j => j % n == 7 ? 0f : 1f).ToArray(), [B, n]);
        feeds["stim"] = new(stim, [1, T, n]);
        feeds["w_rec_scale"] = new([0.5f, 1.5f, 2f, 0f], [2, 2]);
        feeds["sigma_rec_scale"] = Tensor.Scalar(2f);
        using var batchMajor = new OrtRun(ModelVariantCompiler.Compile(net, new GraphVariant { Ports = PerturbationPorts.All }));
        using var timeMajor = new OrtRun(ModelVariantCompiler.Compile(net, new GraphVariant { Ports = PerturbationPorts.All, Layout = ScanLayout.TimeMajor }));
        var expected = batchMajor.Run(feeds);
        AssertSameBits(expected, timeMajor.Run(ToTimeMajor(feeds, "u", "noise_in", "noise_rec", "lesion_mask", "stim")));
        Assert.AreEqual(0f, expected["r"].Values[(1 * T + 10) * n + 2], "the lesion acted");

        // A whole-trial lesion is one broadcast row [1,1,N] in either layout.
        feeds["lesion_mask"] = new(Enumerable.Range(0, n).Select(i => i == 4 ? 0f : 1f).ToArray(), [1, 1, n]);
        AssertSameBits(batchMajor.Run(feeds), timeMajor.Run(ToTimeMajor(feeds, "u", "noise_in", "noise_rec", "stim")));
    }

    [TestMethod]
    [DataRow(false, NoiseRecFeed.Scaled, DisplayName = "noise·std, model's sigma_rec")]
    [DataRow(true, NoiseRecFeed.Scaled, DisplayName = "noise·std, sigma_rec fed, noise port scaled")]
    [DataRow(false, NoiseRecFeed.DriveOffset, DisplayName = "noise·std + α·b_rec, model's sigma_rec")]
    [DataRow(true, NoiseRecFeed.DriveOffset, DisplayName = "noise·std + α·b_rec, sigma_rec fed, noise port scaled")]
    public void Variant_fed_its_mapped_noise_gives_the_canonical_bits(bool ports, NoiseRecFeed feed)
    {
        // Per-unit τ, so std_i and α_i differ between E and I units; b_rec is random, so the bias matters.
        var net = TestNetworks.Rate(76, n: 12, perUnitTau: true);
        var feeds = TestNetworks.Feeds(net.Spec, 77, B, T);
        feeds["dt"] = Tensor.Scalar(0.5f);
        float sigmaRec = net.Spec.SigmaRec, scale = 1f;
        if (ports)
        {
            feeds["sigma_rec"] = Tensor.Scalar(sigmaRec = 0.3f);
            feeds["sigma_rec_scale"] = Tensor.Scalar(scale = 1.7f);
        }
        var set = PerturbationPorts.None with { NoiseScale = ports };
        using var canonical = new OrtRun(ports ? ModelVariantCompiler.Compile(net, new GraphVariant { Ports = set }) : ModelExporter.Export(net));
        using var mapped = new OrtRun(ModelVariantCompiler.Compile(net, new GraphVariant { Ports = set, Layout = ScanLayout.TimeMajor, NoiseRecFeed = feed }));
        var std = ModelVariantCompiler.RecurrentNoiseStd(net.Spec.TauMs, 0.5f, sigmaRec, scale, hasNoiseScalePort: ports);
        var bias = feed == NoiseRecFeed.DriveOffset ? ModelVariantCompiler.StepBias(net.Spec.TauMs, net.Weights!.BRec, 0.5f) : new float[std.Length];
        Assert.AreNotEqual(std[0], std[^1], "E and I units have different steps");
        var timeMajor = ToTimeMajor(feeds, "u", "noise_in", "noise_rec");
        var noise = timeMajor["noise_rec"];
        timeMajor["noise_rec"] = noise with { Values = noise.Values.Select((v, j) => v * std[j % std.Length] + bias[j % std.Length]).ToArray() };
        AssertSameBits(canonical.Run(feeds), mapped.Run(timeMajor));
    }

    [TestMethod]
    public void A_variant_with_a_stim_port_cannot_take_the_drive_offset()
    {
        var net = TestNetworks.Rate(76, n: 12);
        Assert.ThrowsExactly<ArgumentException>(() => ModelVariantCompiler.Compile(net, new GraphVariant { Ports = PerturbationPorts.None with { Stimulation = true }, Layout = ScanLayout.TimeMajor, NoiseRecFeed = NoiseRecFeed.DriveOffset }));
        Assert.AreEqual(NoiseRecFeed.Scaled, ModelVariantCompiler.FastestNoiseRecFeed(PerturbationPorts.All));
        Assert.AreEqual(NoiseRecFeed.DriveOffset, ModelVariantCompiler.FastestNoiseRecFeed(PerturbationPorts.None));
    }

    [TestMethod]
    [DataRow(10, DisplayName = "N = 10")]
    [DataRow(150, DisplayName = "N = 150")]
    public void Last_rates_variant_gives_the_canonical_z_and_last_rates(int n)
    {
        // z is computed inside the Scan from each step's rates instead of from all stacked rates at once.
        var net = TestNetworks.Rate(78, n: n);
        var feeds = TestNetworks.Feeds(net.Spec, 79, B, T);
        feeds["dt"] = Tensor.Scalar(0.5f);
        using var canonical = new OrtRun(ModelExporter.Export(net));
        using var last = new OrtRun(ModelVariantCompiler.Compile(net, new GraphVariant { Layout = ScanLayout.TimeMajor, LastRatesOnly = true }));
        var expected = canonical.Run(feeds);
        var got = last.Run(ToTimeMajor(feeds, "u", "noise_in", "noise_rec"));
        Assert.IsFalse(got.ContainsKey("r"), "no per-step rates");
        CollectionAssert.AreEqual(expected["x_last"].Values, got["x_last"].Values, "x_last");
        CollectionAssert.AreEqual(expected["z"].Values, Swap(got["z"]).Values, "z bits");
        var lastRates = Enumerable.Range(0, B).SelectMany(b => expected["r"].Values.AsSpan(((b * T) + T - 1) * n, n).ToArray()).ToArray();
        CollectionAssert.AreEqual(lastRates, got[PortNames.RLast].Values, "r_last bits");
    }

    [TestMethod]
    public void Reader_knows_a_graph_the_exporter_builds_from_one_it_does_not()
    {
        var net = TestNetworks.Rate(75);
        byte[] exported = ModelExporter.Export(net);
        var file = ModelReader.Read(exported, "exported.onnx");
        Assert.IsTrue(file.IsCanonicalGraph);
        CollectionAssert.AreEqual(exported, file.Contents);

        var edited = ModelProto.Parser.ParseFrom(exported);
        edited.Graph.Node.Single(node => node.OpType == "Scan").Name = "renamed_scan"; // same numbers, another producer's graph
        Assert.IsFalse(ModelReader.Read(edited.ToByteArray(), "edited.onnx").IsCanonicalGraph);
        Assert.IsFalse(ModelReader.Read(ContractCases.ModelPath).IsCanonicalGraph, "independently built example");
    }

    /// <summary>The named [B,T,W] feeds as [T,B,W] (feeds with a batch or time extent of 1 keep their values).</summary>
    private static Dictionary<string, Tensor> ToTimeMajor(Dictionary<string, Tensor> feeds, params string[] names)
    {
        var result = new Dictionary<string, Tensor>(feeds);
        foreach (var name in names) result[name] = Swap(feeds[name]);
        return result;
    }

    private static Tensor Swap(Tensor t)
    {
        long b = t.Shape[0], s = t.Shape[1], w = t.Shape[2];
        var values = new float[t.Values.Length];
        for (long i = 0; i < b; i++)
            for (long k = 0; k < s; k++)
                Array.Copy(t.Values, (i * s + k) * w, values, (k * b + i) * w, w);
        return new Tensor(values, [s, b, w]);
    }

    private static void AssertSameBits(Dictionary<string, Tensor> batchMajor, Dictionary<string, Tensor> timeMajor)
    {
        CollectionAssert.AreEqual(batchMajor["x_last"].Values, timeMajor["x_last"].Values, "x_last");
        foreach (var name in new[] { "z", "r" })
        {
            var back = Swap(timeMajor[name]);
            CollectionAssert.AreEqual(batchMajor[name].Shape, back.Shape, $"{name} shape");
            CollectionAssert.AreEqual(batchMajor[name].Values, back.Values, $"{name} bits");
        }
        Assert.IsGreaterThan(0.01f, batchMajor["r"].Values.Max() - batchMajor["r"].Values.Min(), "the rates move");
    }
}
