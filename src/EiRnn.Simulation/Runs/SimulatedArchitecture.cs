using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Reading;

namespace EiRnn.Simulation.Runs;

/// <summary>
/// simulate and sweep run the rate network's contract (noise_in, noise_rec, x_init, perturbation ports). An
/// LSTM file (inputs u, h_init, c_init; SPEC.md §1.6) has none of these, so both refuse it up front, before
/// anything is written.
/// </summary>
internal static class SimulatedArchitecture
{
    public static void Require(ModelFile file, string path)
    {
        if (file.Network.Spec.Arch != NetworkArch.EiRnn)
            throw new SimulationException($"{path}: an lstm model cannot be simulated: simulate and sweep run ei-rnn (rate network) models only, " +
                "and an LSTM has no noise inputs, time constants or perturbation ports; run it with ONNX Runtime directly (inputs u, h_init, c_init)");
    }
}
