using System.Security.Cryptography;
using EiRnn.Core.Errors;

namespace EiRnn.Data.Manifest;

/// <summary>The manifest's `model_sha256`: SHA-256 of the model file's bytes, lowercase hex.</summary>
public static class ModelFileHash
{
    public static string Sha256(string modelPath)
    {
        try
        {
            using var stream = File.OpenRead(modelPath);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"cannot hash model file '{modelPath}': {e.Message}", e);
        }
    }
}
