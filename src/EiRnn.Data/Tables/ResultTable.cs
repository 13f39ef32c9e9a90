using EiRnn.Core.Errors;

namespace EiRnn.Data.Tables;

/// <summary>
/// One column of a result table: a name and a typed, non-null array (double — NaN marks "undefined" —,
/// int, long, string or bool). Analysis results are small and dense, so no null masks are needed.
/// </summary>
public sealed class ResultColumn
{
    private ResultColumn(string name, Array values) => (Name, Values) = (name, values);

    public string Name { get; }
    /// <summary>The values: double[], int[], long[], string[] or bool[].</summary>
    public Array Values { get; }
    public int Length => Values.Length;
    public Type ElementType => Values.GetType().GetElementType()!;

    public static ResultColumn Of(string name, double[] values) => new(name, values);
    public static ResultColumn Of(string name, int[] values) => new(name, values);
    public static ResultColumn Of(string name, long[] values) => new(name, values);
    public static ResultColumn Of(string name, bool[] values) => new(name, values);
    public static ResultColumn Of(string name, string[] values)
    {
        if (values.Any(v => v is null)) throw new DatasetException($"result column '{name}': strings must not be null");
        return new(name, values);
    }

    public double[] Doubles => Values as double[] ?? throw WrongType(typeof(double));
    public int[] Ints => Values as int[] ?? throw WrongType(typeof(int));
    public long[] Longs => Values as long[] ?? throw WrongType(typeof(long));
    public bool[] Bools => Values as bool[] ?? throw WrongType(typeof(bool));
    public string[] Strings => Values as string[] ?? throw WrongType(typeof(string));

    private DatasetException WrongType(Type t) => new($"result column '{Name}' holds {ElementType.Name}, not {t.Name}");
}

/// <summary>A named table of equal-length typed columns (an analysis result written as OUT/tables/&lt;name&gt;.parquet).</summary>
public sealed class ResultTable
{
    public ResultTable(string name, IReadOnlyList<ResultColumn> columns)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.'))
            throw new DatasetException($"result table name '{name}' must be a plain file name");
        if (columns.Count == 0) throw new DatasetException($"result table '{name}' has no columns");
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetException($"result table '{name}': column '{duplicate.Key}' appears twice");
        int rows = columns[0].Length;
        foreach (var c in columns)
            if (c.Length != rows)
                throw new DatasetException($"result table '{name}': column '{c.Name}' has {c.Length} rows, '{columns[0].Name}' has {rows}");
        (Name, Columns, Rows) = (name, columns, rows);
    }

    public string Name { get; }
    public IReadOnlyList<ResultColumn> Columns { get; }
    public int Rows { get; }

    public ResultColumn this[string column] => Columns.FirstOrDefault(c => c.Name == column)
        ?? throw new DatasetException($"result table '{Name}' has no column '{column}' (it has: {string.Join(", ", Columns.Select(c => c.Name))})");
}
