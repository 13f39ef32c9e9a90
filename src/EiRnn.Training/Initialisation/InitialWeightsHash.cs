using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EiRnn.Training.Model;

namespace EiRnn.Training.Initialisation;

/// <summary>
/// The SHA-256 training records for its initial weights (docs/reproduce.md#initial-weights): lower-case hex over the
/// little-endian float32 bytes of the parameters in the order <see cref="NetworkInitialiser.Create"/> returns them.
/// Training writes it and `reproduce` checks regenerated weights against it, so both use this one function.
/// </summary>
public static class InitialWeightsHash
{
    public static string Of(RateNetworkParameters p) =>
        Sha256(p.WInPlastic, p.WRecPlastic, p.WOutPlastic, p.WInFixed, p.WRecFixed, p.WOutFixed,
            p.MaskIn, p.MaskRec, p.MaskOut, p.BRec, p.BOut, p.X0);

    /// <summary>SHA-256 (lower-case hex) of the arrays' float32 bytes, concatenated in the order given.</summary>
    public static string Sha256(params float[][] arrays)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the initial-weight hash is defined over little-endian float32 bytes");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var a in arrays) sha.AppendData(MemoryMarshal.AsBytes(a.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
