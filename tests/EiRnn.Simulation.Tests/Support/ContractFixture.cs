using System.Runtime.InteropServices;
using EiRnn.Core.Network;
using Onnx;

namespace EiRnn.Simulation.Tests.Support;

/// <summary>
/// The contract-example model (built outside this project): its path, and its weights and spec read straight
/// from the initializers, so the float64 reference loop can run the same network.
/// </summary>
internal static class ContractFixture
{
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "model.onnx");
    public static string CasesPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "cases.json");

    private static readonly Lazy<(NetworkSpec Spec, NetworkWeights Weights)> Loaded = new(Load);

    public static NetworkSpec Spec => Loaded.Value.Spec;
    public static NetworkWeights Weights => Loaded.Value.Weights;

    private static (NetworkSpec, NetworkWeights) Load()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelPath));
        var init = model.Graph.Initializer.ToDictionary(t => t.Name, t => MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray());
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        int n = init["x0"].Length, nin = init["u0"].Length, nout = init["b_out"].Length;
        int nExc = int.Parse(meta["eirnn.n_exc"], System.Globalization.CultureInfo.InvariantCulture);
        var spec = new NetworkSpec
        {
            N = n, Nin = nin, Nout = nout, Dale = true,
            UnitTypes = Enumerable.Range(0, n).Select(i => i < nExc ? UnitType.Excitatory : UnitType.Inhibitory).ToArray(),
            UnitAreas = NetworkSpec.Repeat("all", n), UnitInputGroups = NetworkSpec.Repeat("", n),
            TauMs = init["tau"], TauInMs = init["tau_in"][0], U0 = init["u0"],
            RectifyInputs = true, Hidden = HiddenNonlinearity.Rectify, Output = OutputNonlinearity.Linear,
            SigmaIn = init["sigma_in"][0], SigmaRec = init["sigma_rec"][0], DtTrainMs = init["dt"][0],
            InputNames = ["in0", "in1", "in2"], OutputNames = ["choice1", "choice2"],
        };
        var weights = new NetworkWeights(init["W_in"], init["W_rec"], init["W_out"], init["b_rec"], init["b_out"], init["x0"]);
        return (spec.Validated(), weights.Validated(spec));
    }
}
