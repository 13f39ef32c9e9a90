using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.Onnx.Tests.Support;

/// <summary>Small seeded random networks that respect Dale's law, for tests.</summary>
internal static class TestNetworks
{
    public static readonly TrainingRecord Training = new("rdm-fixed", "pycog", 12_345, "percent_correct", 0.875, 0.85, true);

    public static TrainedNetwork Rate(ulong seed, int n = 10, int nin = 3, int nout = 2,
        HiddenNonlinearity hidden = HiddenNonlinearity.Rectify, OutputNonlinearity output = OutputNonlinearity.Linear,
        bool rectifyInputs = true, bool dale = true, bool perUnitTau = true, float dt = 10f, float sigmaIn = 0.01f, float sigmaRec = 0.15f)
    {
        var rng = new RandomStream(seed);
        var types = dale ? NetworkSpec.FirstExcitatory(n, 0.8) : NetworkSpec.Repeat(UnitType.Excitatory, n);
        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = dale, UnitTypes = types,
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
            TauMs = Enumerable.Range(0, n).Select(i => perUnitTau && types[i] == UnitType.Inhibitory ? 50f : 100f).ToArray(),
            TauInMs = 100f, U0 = Enumerable.Range(0, nin).Select(c => 0.2f + 0.05f * c).ToArray(),
            RectifyInputs = rectifyInputs, Hidden = hidden, Output = output, SigmaIn = sigmaIn, SigmaRec = sigmaRec,
            DtTrainMs = dt,
            InputNames = Enumerable.Range(0, nin).Select(c => $"in{c}").ToArray(),
            OutputNames = Enumerable.Range(0, nout).Select(c => $"out{c}").ToArray(),
            Connectivity = "dense, test",
        };
        float Sign(int j) => spec.Sign(j);
        float Mag(double scale) => (float)Math.Abs(rng.Normal(0, scale));
        var wRec = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                wRec[i * n + j] = i == j || rng.Bernoulli(0.2) ? 0f : (dale ? Sign(j) * Mag(0.6 / Math.Sqrt(n)) : (float)rng.Normal(0, 0.6 / Math.Sqrt(n)));
        var wIn = new float[n * nin];
        for (int k = 0; k < wIn.Length; k++) wIn[k] = dale ? Mag(0.5) : (float)rng.Normal(0, 0.5);
        var wOut = new float[nout * n];
        for (int o = 0; o < nout; o++)
            for (int j = 0; j < n; j++)
                wOut[o * n + j] = dale ? (types[j] == UnitType.Inhibitory ? 0f : Mag(0.4)) : (float)rng.Normal(0, 0.4);
        var bRec = Enumerable.Range(0, n).Select(_ => (float)rng.Normal(0, 0.1)).ToArray();
        var bOut = Enumerable.Range(0, nout).Select(_ => (float)rng.Normal(0, 0.1)).ToArray();
        var x0 = Enumerable.Range(0, n).Select(_ => 0.1f + (float)rng.Normal(0, 0.05)).ToArray();
        return TrainedNetwork.Rate(spec, new NetworkWeights(wIn, wRec, wOut, bRec, bOut, x0), Training, seed);
    }

    /// <summary>Task inputs, both noises and x_init for B trials of T steps.</summary>
    public static Dictionary<string, Tensor> Feeds(NetworkSpec spec, ulong seed, int batch, int steps)
    {
        var rng = new RandomStream(seed);
        float[] Normal(int count) { var a = new float[count]; rng.FillNormal(a); return a; }
        var u = new float[batch * steps * spec.Nin];
        for (int k = 0; k < u.Length; k++) u[k] = (float)rng.Uniform(-0.2, 1.0);
        var xInit = new float[batch * spec.N];
        for (int k = 0; k < xInit.Length; k++) xInit[k] = (float)rng.Normal(0.1, 0.3);
        return new()
        {
            ["u"] = new(u, [batch, steps, spec.Nin]),
            ["noise_in"] = new(Normal(batch * steps * spec.Nin), [batch, steps, spec.Nin]),
            ["noise_rec"] = new(Normal(batch * steps * spec.N), [batch, steps, spec.N]),
            ["x_init"] = new(xInit, [batch, spec.N]),
        };
    }
}
