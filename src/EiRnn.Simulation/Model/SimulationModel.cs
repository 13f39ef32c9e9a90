namespace EiRnn.Simulation.Model;

/// <summary>
/// What the simulator needs to know about a contract-following ei-rnn ONNX file (DESIGN.md "Model file
/// (ONNX) contract"): sizes, the trained initial state x0, the defaults of the overridable scalar inputs,
/// and provenance for the dataset manifest. Weights stay inside the file; ONNX Runtime reads them.
/// </summary>
public sealed record SimulationModel
{
    public required string Path { get; init; }
    public required int N { get; init; }
    public required int Nin { get; init; }
    public required int Nout { get; init; }

    /// <summary>The trained initial state x0 [N] that fills <c>x_init</c>. Treat as read-only.</summary>
    public required float[] X0 { get; init; }

    /// <summary>Defaults stored in the initializers <c>dt</c> (ms), <c>sigma_in</c>, <c>sigma_rec</c>.</summary>
    public required float DefaultDtMs { get; init; }
    public required float DefaultSigmaIn { get; init; }
    public required float DefaultSigmaRec { get; init; }

    /// <summary>Which of <c>dt</c>, <c>sigma_in</c>, <c>sigma_rec</c> are graph inputs (so can be overridden).</summary>
    public required IReadOnlySet<string> OverridableScalars { get; init; }

    public string Task { get; init; } = "";
    public IReadOnlyList<string> InputNames { get; init; } = [];
    public IReadOnlyList<string> OutputNames { get; init; } = [];
    public int NExc { get; init; }
    public int NInh { get; init; }

    /// <summary><c>eirnn.spec</c> verbatim (the network spec JSON), for the manifest.</summary>
    public string SpecJson { get; init; } = "";
}

/// <summary>Reads the simulator's view of a model file; throws ModelFileException for contract violations.</summary>
public interface IModelFileReader
{
    SimulationModel Read(string path);
}
