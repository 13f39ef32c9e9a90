namespace EiRnn.Simulation.Model;

/// <summary>Graph input, output and initializer names fixed by docs/onnx-contract.md.</summary>
public static class ContractNames
{
    public const string U = "u", NoiseIn = "noise_in", NoiseRec = "noise_rec", XInit = "x_init";
    public const string Dt = "dt", SigmaIn = "sigma_in", SigmaRec = "sigma_rec";
    public const string Z = "z", R = "r", XLast = "x_last";
    public const string X0 = "x0";

    public static readonly IReadOnlyList<string> RequiredInputs = [U, NoiseIn, NoiseRec, XInit];
    public static readonly IReadOnlyList<string> Outputs = [Z, R, XLast];
    public static readonly IReadOnlyList<string> Scalars = [Dt, SigmaIn, SigmaRec];
}
