using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using Onnx;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Onnx.Reading;

/// <summary>The lstm part of <see cref="ModelReader"/>. LSTM files must carry this project's full spec.</summary>
internal static class LstmModelReader
{
    public static TrainedNetwork Read(GraphProto graph, MetadataTable meta, InitializerTable init, string source)
    {
        using var specDoc = meta.Json(Meta.Spec);
        if (!SpecReader.IsProjectSpec(specDoc.RootElement))
            throw new ModelFileException($"{source}: an lstm model needs this project's eirnn.spec (with unit_types); found another producer's spec");
        var spec = SpecReader.ParseProject(meta.Text(Meta.Spec), source);
        if (spec.Arch != NetworkArch.Lstm)
            throw new ModelFileException($"{source}: metadata eirnn.spec disagrees with the file: arch is {spec.Arch}, eirnn.arch is '{ArchLstm}'");
        int n = spec.N, nin = spec.Nin, nout = spec.Nout;
        if (meta.Count(Meta.NExc) + meta.Count(Meta.NInh) != n || meta.Names(Meta.InputNames).Length != nin || meta.Names(Meta.OutputNames).Length != nout)
            throw new ModelFileException($"{source}: metadata eirnn.spec disagrees with eirnn.n_exc/n_inh, eirnn.inputs or eirnn.outputs");

        GraphInterface.Require(graph,
            [new(Inputs.U, null, null, nin), new(Inputs.HInit, null, n), new(Inputs.CInit, null, n)],
            [new(Outputs.Z, null, null, nout), new(Outputs.H, null, null, n), new(Outputs.HLast, null, n), new(Outputs.CLast, null, n)],
            source);
        const string why = "from the metadata spec";
        long[] gate = [n + nin, n];
        var weights = new LstmWeights(
            init.Floats(Weights.WForget, gate, why), init.Floats(Weights.WInput, gate, why),
            init.Floats(Weights.WCandidate, gate, why), init.Floats(Weights.WOutputGate, gate, why),
            init.Floats(Weights.BForget, [n], why), init.Floats(Weights.BInput, [n], why),
            init.Floats(Weights.BCandidate, [n], why), init.Floats(Weights.BOutputGate, [n], why),
            init.Floats(Weights.WOut, [nout, n], why), init.Floats(Weights.BOut, [nout], why),
            init.Floats(Weights.H0, [n], why), init.Floats(Weights.C0, [n], why));
        using var trainingDoc = meta.Json(Meta.Training);
        var training = SpecReader.Training(trainingDoc.RootElement, meta.Text(Meta.Training), meta.Text(Meta.Task), source);
        // Checks every array's length and that every weight is finite, as the rate network's reader does.
        try { return meta.WithProvenance(TrainedNetwork.OfLstm(spec, weights, training, meta.Seed(Meta.Seed))); }
        catch (EiRnnException e) when (e is ConfigException or ModelFileException) { throw new ModelFileException($"{source}: {e.Message}", e); }
    }
}
