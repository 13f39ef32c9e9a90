using System.Globalization;
using EiRnn.Core.Checkpoints;
using EiRnn.Core.Io;

namespace EiRnn.Training;

/// <summary>DIR/learning-curve.csv, one row per validation, appended (and flushed) as training goes. The stage
/// column is the curriculum stage being trained (0-based; the stage count once all passed; empty without one).</summary>
public sealed class LearningCurveFile
{
    public const string Header = "trials,updates,validation_cost,performance,rmse,stage";
    private readonly string _path;

    /// <summary>Starts the file afresh from the history so far (a resumed run rewrites what it already has).</summary>
    public LearningCurveFile(string path, IEnumerable<ValidationRecord> history)
    {
        _path = path;
        SafeFile.WriteAllLines(path, [Header, .. history.Select(Row)]);
    }

    public void Append(ValidationRecord r) => SafeFile.AppendAllLines(_path, [Row(r)]);

    private static string Row(ValidationRecord r) => string.Join(",",
        r.Trials.ToString(CultureInfo.InvariantCulture), r.Updates.ToString(CultureInfo.InvariantCulture),
        r.Cost.ToString("R", CultureInfo.InvariantCulture), r.Performance.ToString("R", CultureInfo.InvariantCulture),
        r.Rmse.ToString("R", CultureInfo.InvariantCulture), r.Stage?.ToString(CultureInfo.InvariantCulture) ?? "");
}
