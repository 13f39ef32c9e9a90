using EiRnn.Core.Network;
using EiRnn.Core.Random;

namespace EiRnn.TestSupport;

/// <summary>
/// Small seeded random Dale networks (80 % E, first units excitatory) for tests that need a model file
/// without training: weights signed by the presynaptic unit's type, I units do not project to the outputs.
/// The defaults give rdm-fixed's shape (2 inputs, 2 outputs, task "rdm-fixed").
/// </summary>
public static class RandomDaleNetwork
{
    public static TrainedNetwork Create(ulong seed, int n = 12, int nin = 2, int nout = 2, string task = "rdm-fixed",
        float dtTrainMs = 20f, float sigmaIn = 0.01f, float sigmaRec = 0.15f, HiddenNonlinearity hidden = HiddenNonlinearity.Rectify)
    {
        var rng = new RandomStream(seed);
        var types = NetworkSpec.FirstExcitatory(n, 0.8);
        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = true, UnitTypes = types,
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
            TauMs = Enumerable.Range(0, n).Select(i => types[i] == UnitType.Inhibitory ? 50f : 100f).ToArray(),
            TauInMs = 100f, U0 = Enumerable.Repeat(0.2f, nin).ToArray(), RectifyInputs = true, Hidden = hidden,
            SigmaIn = sigmaIn, SigmaRec = sigmaRec, DtTrainMs = dtTrainMs,
            InputNames = Enumerable.Range(0, nin).Select(c => $"in{c}").ToArray(),
            OutputNames = Enumerable.Range(0, nout).Select(c => $"out{c}").ToArray(),
            Connectivity = "dense, random test network",
        };
        float Mag(double scale) => (float)Math.Abs(rng.Normal(0, scale));
        var wRec = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                wRec[i * n + j] = i == j || rng.Bernoulli(0.2) ? 0f : spec.Sign(j) * Mag(0.8 / Math.Sqrt(n));
        var wIn = new float[n * nin];
        for (int k = 0; k < wIn.Length; k++) wIn[k] = Mag(0.5);
        var wOut = new float[nout * n];
        for (int o = 0; o < nout; o++)
            for (int j = 0; j < n; j++) wOut[o * n + j] = types[j] == UnitType.Inhibitory ? 0f : Mag(0.4);
        var bRec = Enumerable.Range(0, n).Select(_ => (float)rng.Normal(0, 0.1)).ToArray();
        var bOut = Enumerable.Range(0, nout).Select(_ => (float)rng.Normal(0, 0.1)).ToArray();
        var x0 = Enumerable.Range(0, n).Select(_ => 0.1f + (float)rng.Normal(0, 0.05)).ToArray();
        var training = new TrainingRecord(task, "pycog", 0, "percent_correct", 0.5, 0.85, false);
        return TrainedNetwork.Rate(spec, new NetworkWeights(wIn, wRec, wOut, bRec, bOut, x0), training, seed);
    }
}
