namespace EiRnn.Analysis.Statistics;

/// <summary>An immutable row-major matrix of doubles, as analysis results expose them.</summary>
public sealed class ReadOnlyMatrix
{
    private readonly double[] _values;

    public ReadOnlyMatrix(int rows, int columns, Func<int, int, double> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        (Rows, Columns) = (rows, columns);
        _values = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) _values[i * columns + j] = value(i, j);
    }

    public int Rows { get; }
    public int Columns { get; }
    public double this[int row, int column] => _values[row * Columns + column];

    public double[,] ToArray()
    {
        var a = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++) a[i, j] = this[i, j];
        return a;
    }

    public IReadOnlyList<double> Row(int row) => _values.AsSpan(row * Columns, Columns).ToArray();

    public IReadOnlyList<double> Column(int column) => Enumerable.Range(0, Rows).Select(i => this[i, column]).ToArray();

    public static ReadOnlyMatrix From(MathNet.Numerics.LinearAlgebra.Matrix<double> m) => new(m.RowCount, m.ColumnCount, (i, j) => m[i, j]);
}
