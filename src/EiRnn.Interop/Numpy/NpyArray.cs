namespace EiRnn.Interop.Numpy;

/// <summary>
/// A numeric array read from a .npy member: its shape and its values widened to float64 in C (row-major)
/// order, whatever the file's dtype, byte order and memory order were.
/// </summary>
public sealed record NpyArray(string Name, IReadOnlyList<int> Shape, double[] Values)
{
    public int Rank => Shape.Count;

    /// <summary>"[3, 4]" for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public double this[int i, int j] => Values[i * Shape[1] + j];

    public static NpyArray Of(string name, double[] values, params int[] shape) => new(name, shape, values);
}
