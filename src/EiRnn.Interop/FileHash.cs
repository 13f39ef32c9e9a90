using System.Security.Cryptography;

namespace EiRnn.Interop;

internal static class FileHash
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
