using EiRnn.Core.Errors;
using EiRnn.Core.Network;
using Parquet;

namespace EiRnn.Data.Reading;

/// <summary>Reads the units table.</summary>
internal static class UnitsDecoder
{
    public static async Task<IReadOnlyList<UnitRow>> ReadAsync(ParquetReader reader, string path, int n, CancellationToken ct)
    {
        try
        {
            var s = reader.Schema;
            var fUnit = PartFileReader.RequireField(s, "unit", typeof(int), path);
            var fType = PartFileReader.RequireField(s, "type", typeof(string), path);
            var fArea = PartFileReader.RequireField(s, "area", typeof(string), path);
            var fGroup = PartFileReader.RequireField(s, "input_group", typeof(string), path);
            var fTau = PartFileReader.RequireField(s, "tau_ms", typeof(double), path);
            var rows = new List<UnitRow>(n);
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var rg = reader.OpenRowGroupReader(g);
                int count = checked((int)rg.RowCount);
                var unit = new int[count];
                var type = new string?[count];
                var area = new string?[count];
                var group = new string?[count];
                var tau = new double[count];
                await rg.ReadAsync<int>(fUnit, unit, cancellationToken: ct);
                await rg.ReadAsync(fType, type.AsMemory(), cancellationToken: ct);
                await rg.ReadAsync(fArea, area.AsMemory(), cancellationToken: ct);
                await rg.ReadAsync(fGroup, group.AsMemory(), cancellationToken: ct);
                await rg.ReadAsync<double>(fTau, tau, cancellationToken: ct);
                for (int i = 0; i < count; i++)
                {
                    var t = type[i] switch
                    {
                        "E" => UnitType.Excitatory,
                        "I" => UnitType.Inhibitory,
                        _ => throw new DatasetException($"{path}: unit {unit[i]} has type '{type[i]}', expected E or I"),
                    };
                    rows.Add(new UnitRow(unit[i], t, area[i] ?? "", group[i] ?? "", tau[i]));
                }
            }
            if (rows.Count != n) throw new DatasetException($"{path}: {rows.Count} units, the manifest says n = {n}");
            return rows;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PartFileReader.Corrupt(path, e);
        }
    }
}
