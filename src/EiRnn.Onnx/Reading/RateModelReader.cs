using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Reading;

/// <summary>The ei-rnn part of <see cref="ModelReader"/>: graph interface, initializers, spec, weights.</summary>
internal static class RateModelReader
{
    public static TrainedNetwork Read(GraphProto graph, MetadataTable meta, InitializerTable init, string source)
    {
        int nExc = meta.Count(Meta.NExc), nInh = meta.Count(Meta.NInh), n = nExc + nInh;
        if (n == 0) throw new ModelFileException($"{source}: metadata says the network has no units (eirnn.n_exc + eirnn.n_inh = 0)");
        string[] inNames = meta.Names(Meta.InputNames), outNames = meta.Names(Meta.OutputNames);
        int nin = inNames.Length, nout = outNames.Length;
        float dtMs = meta.PositiveNumber(Meta.DtMs);

        GraphInterface.Require(graph,
            [new(Inputs.U, null, null, nin), new(Inputs.NoiseIn, null, null, nin), new(Inputs.NoiseRec, null, null, n),
             new(Inputs.XInit, null, n), Port.Scalar(Inputs.Dt), Port.Scalar(Inputs.SigmaIn), Port.Scalar(Inputs.SigmaRec)],
            [new(Outputs.Z, null, null, nout), new(Outputs.R, null, null, n), new(Outputs.XLast, null, n)],
            source);

        const string why = "from the metadata (eirnn.n_exc + eirnn.n_inh, eirnn.inputs, eirnn.outputs)";
        var weights = new NetworkWeights(
            WIn: init.Floats(Weights.WIn, [n, nin], why),
            WRec: init.Floats(Weights.WRec, [n, n], why),
            WOut: init.Floats(Weights.WOut, [nout, n], why),
            BRec: init.Floats(Weights.BRec, [n], why),
            BOut: init.Floats(Weights.BOut, [nout], why),
            X0: init.Floats(Weights.X0, [n], why));
        var facts = new SpecReader.ContractFacts(n, nin, nout, nExc,
            Tau: init.Floats(Weights.Tau, [n], why), TauIn: init.Scalar(Weights.TauIn),
            U0: init.ScalarOrVector(Weights.U0, nin, why),
            SigmaIn: init.Scalar(Inputs.SigmaIn), SigmaRec: init.Scalar(Inputs.SigmaRec),
            DtMs: dtMs, InputNames: inNames, OutputNames: outNames);
        float dtDefault = init.Scalar(Inputs.Dt);
        if (dtDefault != dtMs)
            throw new ModelFileException($"{source}: the default of input 'dt' is {dtDefault} ms but metadata eirnn.dt_ms says {dtMs} ms");

        using var specDoc = meta.Json(Meta.Spec);
        NetworkSpec spec;
        if (SpecReader.IsProjectSpec(specDoc.RootElement))
        {
            spec = SpecReader.ParseProject(meta.Text(Meta.Spec), source);
            CheckAgreement(spec, facts, nInh, source);
        }
        else
        {
            spec = SpecReader.FromContract(specDoc.RootElement, facts, source);
        }
        using var trainingDoc = meta.Json(Meta.Training);
        var training = SpecReader.Training(trainingDoc.RootElement, meta.Text(Meta.Training), meta.Text(Meta.Task), source);
        try { return meta.WithProvenance(TrainedNetwork.Rate(spec, weights, training, meta.Seed(Meta.Seed))); }
        catch (EiRnnException e) when (e is ConfigException or ModelFileException) { throw new ModelFileException($"{source}: {e.Message}", e); }
    }

    /// <summary>The project's spec must say what the tensors and the other metadata say.</summary>
    private static void CheckAgreement(NetworkSpec spec, SpecReader.ContractFacts f, int nInh, string source)
    {
        void Need(bool ok, string what)
        {
            if (!ok) throw new ModelFileException($"{source}: metadata eirnn.spec disagrees with the file: {what}");
        }
        Need(spec.Arch == NetworkArch.EiRnn, $"arch is {spec.Arch}, eirnn.arch is '{ArchEiRnn}'");
        Need(spec.N == f.N, $"n = {spec.N}, eirnn.n_exc + eirnn.n_inh = {f.N}");
        Need(spec.NExc == f.NExc && spec.NInh == nInh, $"{spec.NExc} E / {spec.NInh} I units, eirnn.n_exc/n_inh say {f.NExc} / {nInh}");
        Need(spec.Nin == f.Nin && spec.InputNames.SequenceEqual(f.InputNames), "input channels differ from eirnn.inputs");
        Need(spec.Nout == f.Nout && spec.OutputNames.SequenceEqual(f.OutputNames), "output channels differ from eirnn.outputs");
        Need(spec.DtTrainMs == f.DtMs, $"dt_train_ms = {spec.DtTrainMs}, eirnn.dt_ms = {f.DtMs}");
        Need(spec.TauMs.SequenceEqual(f.Tau), "tau_ms differs from initializer 'tau'");
        Need(spec.TauInMs == f.TauIn, $"tau_in_ms = {spec.TauInMs}, initializer 'tau_in' = {f.TauIn}");
        Need(spec.U0.SequenceEqual(f.U0), "u0 differs from initializer 'u0'");
        Need(spec.SigmaIn == f.SigmaIn, $"sigma_in = {spec.SigmaIn}, default of input 'sigma_in' = {f.SigmaIn}");
        Need(spec.SigmaRec == f.SigmaRec, $"sigma_rec = {spec.SigmaRec}, default of input 'sigma_rec' = {f.SigmaRec}");
    }
}
