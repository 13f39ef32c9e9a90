using EiRnn.Core.Network;
using EiRnn.TestSupport;

namespace EiRnn.Onnx.Tests.Support;

/// <summary>Runs <see cref="ReferenceEuler"/> on the same feeds as an ORT run and compares all outputs.</summary>
internal static class Reference
{
    public static ReferenceEuler.Result Run(NetworkSpec spec, NetworkWeights w, IReadOnlyDictionary<string, Tensor> feeds,
        double dt, double? sigmaIn = null, double? sigmaRec = null, ReferenceEuler.Perturbation? perturbation = null)
    {
        var u = feeds["u"];
        return ReferenceEuler.Run(spec, w, u.Values, feeds["noise_in"].Values, feeds["noise_rec"].Values, feeds["x_init"].Values,
            (int)u.Shape[0], (int)u.Shape[1], dt, sigmaIn, sigmaRec, perturbation);
    }

    public static void AssertMatches(ReferenceEuler.Result expected, IReadOnlyDictionary<string, Tensor> got, string label)
    {
        foreach (var (name, values) in new[] { ("z", expected.Z), ("r", expected.R), ("x_last", expected.XLast) })
        {
            var (ok, worst, at) = ReferenceEuler.Compare(got[name].Values, values);
            Assert.IsTrue(ok, $"{label}: {name} differs from the float64 reference by {worst:g3} at index {at}");
        }
    }
}
