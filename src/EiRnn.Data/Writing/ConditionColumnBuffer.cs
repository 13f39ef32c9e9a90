using EiRnn.Tasks.Contract;
using Parquet;
using Parquet.Schema;

namespace EiRnn.Data.Writing;

/// <summary>The buffered values of one typed condition column for one row group.</summary>
internal sealed class ConditionColumnBuffer(ConditionColumn column, DataField field, int capacity)
{
    private readonly int?[]? _ints = column.Kind == ConditionColumnKind.Int32 ? new int?[capacity] : null;
    private readonly double?[]? _doubles = column.Kind == ConditionColumnKind.Double ? new double?[capacity] : null;
    private readonly string?[]? _strings = column.Kind == ConditionColumnKind.String ? new string?[capacity] : null;
    private readonly bool?[]? _bools = column.Kind == ConditionColumnKind.Bool ? new bool?[capacity] : null;

    public ConditionColumn Column { get; } = column;

    public void SetInt32(int row, int? v) => _ints![row] = v;
    public void SetDouble(int row, double? v) => _doubles![row] = v;
    public void SetString(int row, string? v) => _strings![row] = v;
    public void SetBool(int row, bool? v) => _bools![row] = v;

    public async Task WriteAsync(ParquetRowGroupWriter rg, int count, CancellationToken ct)
    {
        switch (Column.Kind)
        {
            case ConditionColumnKind.Int32: await rg.WriteAsync<int>(field, _ints.AsMemory(0, count), cancellationToken: ct); break;
            case ConditionColumnKind.Double: await rg.WriteAsync<double>(field, _doubles.AsMemory(0, count), cancellationToken: ct); break;
            case ConditionColumnKind.Bool: await rg.WriteAsync<bool>(field, _bools.AsMemory(0, count), cancellationToken: ct); break;
            case ConditionColumnKind.String: await rg.WriteAsync(field, new ArraySegment<string?>(_strings!, 0, count)); break;
            default: throw new InvalidOperationException($"unknown column kind {Column.Kind}");
        }
    }
}
