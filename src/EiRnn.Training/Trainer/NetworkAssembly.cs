using EiRnn.Core.Config;
using EiRnn.Core.Connectivity;
using EiRnn.Core.Network;
using EiRnn.Core.Random;
using EiRnn.Tasks.Contract;

namespace EiRnn.Training;

/// <summary>The network spec and connectivity a config describes for a task (SPEC.md §1).</summary>
public static class NetworkAssembly
{
    public static (NetworkSpec Spec, NetworkConnectivity Connectivity) Build(TrainConfig c, TaskDescription task)
    {
        int nin = task.InputNames.Count, nout = task.OutputNames.Count;
        var connectivity = NetworkConnectivity.Build(new ConnectivityRequest
        {
            Structure = c.Structure, N = c.N, Nin = nin, Nout = nout, ExcitatoryFraction = c.ExcitatoryFraction,
            Dale = c.Dale, Autapses = c.Autapses, ReadoutFromAllUnits = c.ReadoutFromAllUnits,
            ConnectStartCue = c.ConnectStartCue, Seed = RandomStream.MixSeed(c.Seed, "connectivity"),
        });
        var tau = connectivity.UnitTypes
            .Select(t => (float)(t == UnitType.Inhibitory ? c.TauInhibitoryMs ?? c.TauMs : c.TauMs)).ToArray();
        var spec = new NetworkSpec
        {
            N = c.N, Nin = nin, Nout = nout, Dale = c.Dale,
            UnitTypes = connectivity.UnitTypes, UnitAreas = connectivity.UnitAreas, UnitInputGroups = connectivity.UnitInputGroups,
            TauMs = tau, TauInMs = (float)c.TauInMs, U0 = NetworkSpec.Repeat((float)c.U0, nin), RectifyInputs = c.RectifyInputs,
            Hidden = c.Hidden, Output = c.Output, SigmaIn = (float)c.SigmaIn, SigmaRec = (float)c.SigmaRec,
            DtTrainMs = (float)c.DtMs, InputNames = task.InputNames, OutputNames = task.OutputNames,
            Connectivity = connectivity.Description,
        };
        return (spec.Validated(), connectivity);
    }
}
