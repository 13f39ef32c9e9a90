using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Training;

/// <summary>The network spec and connectivity a config describes for a task (docs/model.md).</summary>
public static class NetworkAssembly
{
    public static (NetworkSpec Spec, NetworkConnectivity Connectivity) Build(TrainConfig config, TaskDescription task)
    {
        var c = config.Rate;
        int nin = task.InputNames.Count, nout = task.OutputNames.Count;
        var connectivity = NetworkConnectivity.Build(new ConnectivityRequest
        {
            Structure = c.Structure, N = c.N, Nin = nin, Nout = nout, ExcitatoryFraction = c.ExcitatoryFraction,
            Dale = c.Dale, Autapses = c.Autapses, ReadoutFromAllUnits = c.ReadoutFromAllUnits,
            ConnectStartCue = c.ConnectStartCue, Seed = RandomStream.MixSeed(config.Seed, "connectivity"),
        });
        var tau = connectivity.UnitTypes
            .Select(t => (float)(t == UnitType.Inhibitory ? c.TauInhibitoryMs ?? c.TauMs : c.TauMs)).ToArray();
        var spec = new NetworkSpec
        {
            N = c.N, Nin = nin, Nout = nout, Dale = c.Dale,
            UnitTypes = connectivity.UnitTypes, UnitAreas = connectivity.UnitAreas, UnitInputGroups = connectivity.UnitInputGroups,
            TauMs = tau, TauInMs = (float)c.TauInMs, U0 = NetworkSpec.Repeat((float)c.U0, nin), RectifyInputs = c.RectifyInputs,
            Hidden = c.Hidden, Output = c.Output, SigmaIn = (float)c.SigmaIn, SigmaRec = (float)c.SigmaRec,
            DtTrainMs = (float)config.DtMs, InputNames = task.InputNames, OutputNames = task.OutputNames,
            Connectivity = connectivity.Description,
        };
        return (spec.Validated(), connectivity);
    }

    /// <summary>
    /// The spec of an LSTM (docs/model.md#lstm-baseline): N hidden units, no Dale's law (all units count as excitatory, as in
    /// every non-Dale spec), no noise, baseline or input rectification, a linear readout. It steps once per Δt,
    /// which is what its per-unit "time constant" records.
    /// </summary>
    public static NetworkSpec BuildLstm(TrainConfig c, TaskDescription task)
    {
        int nin = task.InputNames.Count, n = c.Network.N;
        return new NetworkSpec
        {
            Arch = NetworkArch.Lstm, N = n, Nin = nin, Nout = task.OutputNames.Count, Dale = false,
            UnitTypes = NetworkSpec.Repeat(UnitType.Excitatory, n), UnitAreas = NetworkSpec.Repeat("all", n),
            UnitInputGroups = NetworkSpec.Repeat("", n), TauMs = NetworkSpec.Repeat((float)c.DtMs, n),
            U0 = NetworkSpec.Repeat(0f, nin), RectifyInputs = false, Output = OutputNonlinearity.Linear, SigmaIn = 0, SigmaRec = 0,
            DtTrainMs = (float)c.DtMs, InputNames = task.InputNames, OutputNames = task.OutputNames,
            Connectivity = "lstm: dense gates, no masks (docs/model.md#lstm-baseline)",
        }.Validated();
    }
}
