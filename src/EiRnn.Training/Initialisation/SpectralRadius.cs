using TorchSharp;
using static TorchSharp.torch;

namespace EiRnn.Training.Initialisation;

/// <summary>Largest eigenvalue modulus of a square row-major matrix (LAPACK via torch.linalg.eigvals, float64).</summary>
public static class SpectralRadius
{
    public static double Of(double[] matrix, int n)
    {
        if (matrix.Length != n * n) throw new ArgumentException($"expected {n}x{n} values, got {matrix.Length}", nameof(matrix));
        using var scope = NewDisposeScope();
        var eig = linalg.eigvals(tensor(matrix, [n, n], ScalarType.Float64));
        return eig.abs().max().item<double>();
    }
}
