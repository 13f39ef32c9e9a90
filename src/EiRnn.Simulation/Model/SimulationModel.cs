using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using EiRnn.Onnx.Reading;
using static EiRnn.Onnx.Contract.ModelContract;

namespace EiRnn.Simulation.Model;

/// <summary>
/// What the simulator needs to know about a contract-following ei-rnn ONNX file (docs/onnx-contract.md):
/// sizes, the trained initial state x0, the defaults of the overridable scalar inputs,
/// and provenance for the dataset manifest. A view of the <see cref="ModelFile"/> EiRnn.Onnx's reader
/// returned, so the file is read, parsed and validated once; sessions load its bytes from memory.
/// </summary>
public sealed record SimulationModel
{
    private SimulationModel(string path, ModelFile file) => (Path, File) = (path, file);

    public string Path { get; }

    /// <summary>The validated file: network (spec, weights, training record), bytes, canonical-graph flag.</summary>
    public ModelFile File { get; }

    public TrainedNetwork Network => File.Network;
    public int N => Network.Spec.N;
    public int Nin => Network.Spec.Nin;
    public int Nout => Network.Spec.Nout;

    /// <summary>The trained initial state x0 [N] that fills <c>x_init</c>. Treat as read-only.</summary>
    public float[] X0 => Network.Weights!.X0;

    /// <summary>Defaults stored in the initializers <c>dt</c> (ms), <c>sigma_in</c>, <c>sigma_rec</c> (the reader checked them against the metadata).</summary>
    public float DefaultDtMs => Network.Spec.DtTrainMs;
    public float DefaultSigmaIn => Network.Spec.SigmaIn;
    public float DefaultSigmaRec => Network.Spec.SigmaRec;

    /// <summary>Which of <c>dt</c>, <c>sigma_in</c>, <c>sigma_rec</c> are graph inputs: all three, which the reader requires.</summary>
    public IReadOnlySet<string> OverridableScalars { get; } = new HashSet<string>([Inputs.Dt, Inputs.SigmaIn, Inputs.SigmaRec]);

    public string Task => Network.Training.Task;
    public IReadOnlyList<string> InputNames => Network.Spec.InputNames;
    public IReadOnlyList<string> OutputNames => Network.Spec.OutputNames;
    public int NExc => Network.Spec.NExc;
    public int NInh => Network.Spec.NInh;

    /// <summary>Reads and validates <paramref name="path"/> (ModelFileException for contract violations).</summary>
    public static SimulationModel Read(string path) => From(ModelReader.Read(path), path);

    /// <summary>
    /// The simulator's view of a file EiRnn.Onnx's reader has already read from <paramref name="path"/>. Only the
    /// rate network's contract can be simulated: an LSTM file (inputs u, h_init, c_init; docs/model.md#lstm-baseline) has no noise
    /// inputs, time constants or perturbation ports, so simulate and sweep refuse it here, before anything is written.
    /// </summary>
    public static SimulationModel From(ModelFile file, string path)
    {
        if (file.Network.Spec.Arch != NetworkArch.EiRnn || file.Network.Weights is null)
            throw new SimulationException($"{path}: an lstm model cannot be simulated: simulate and sweep run ei-rnn (rate network) models only, " +
                "and an LSTM has no noise inputs, time constants or perturbation ports; run it with ONNX Runtime directly (inputs u, h_init, c_init)");
        return new SimulationModel(path, file);
    }
}
